using System.CommandLine;
using Orchestrator.Cli.Completion;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orch completion bash|zsh</c>: prints the shell's completion script.</summary>
internal sealed class CompletionCommand : Command
{
    private static readonly Argument<string> Shell = new("shell")
    {
        Description = $"The shell to complete in: {string.Join(" or ", ShellCompletionScript.Shells)}",
    };

    public CompletionCommand()
        : base("completion", "Print the shell completion script for bash or zsh (e.g. `source <(orch completion bash)`)")
    {
        Shell.AcceptOnlyFromAmong([.. ShellCompletionScript.Shells]);
        Arguments.Add(Shell);
        SetAction(parseResult =>
        {
            parseResult.InvocationConfiguration.Output.WriteLine(ShellCompletionScript.For(parseResult.GetRequiredValue(Shell)));
            return OrchCli.Success;
        });
    }
}
