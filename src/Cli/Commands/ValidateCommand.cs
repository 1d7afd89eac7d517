using System.CommandLine;
using Orchestrator.Cli.Output;
using Orchestrator.Cli.Stacks;
using Orchestrator.Config;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orch validate</c>: every problem of an <c>orch.toml</c> at once, without a daemon.</summary>
internal sealed class ValidateCommand : Command
{
    private static readonly Option<string> Config = new("--config")
    {
        Description = "The app config",
        DefaultValueFactory = _ => ConfigFile.DefaultPath,
        HelpName = "FILE",
    };

    private static readonly Option<string?> Stack = new("--stack")
    {
        Description = $"Check a stack file (default {StackConfigLoader.DefaultFileName}) and every app config it names: cycles, unknown dependencies, shared listen addresses",
        HelpName = "FILE",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public ValidateCommand()
        : base("validate", "Check an orch.toml (or a stack file) and report every problem")
    {
        Options.Add(Config);
        Options.Add(Stack);
        SetAction(CliAction.Run(ExecuteAsync));
    }

    private static async Task<int> ExecuteAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        if (parseResult.GetResult(Stack) is not null)
        {
            return ValidateStack(cli, Path.GetFullPath(parseResult.GetValue(Stack) ?? StackFile.DefaultPath));
        }

        var path = Path.GetFullPath(parseResult.GetRequiredValue(Config));
        var result = AppConfigLoader.Load(await ConfigFile.ReadAsync(path, cancellationToken), path);
        cli.Output.Validation(new ValidateReport(result.IsValid, path, result.Config?.App, result.Config?.Processes.Length ?? 0, result.Problems));
        return result.IsValid ? OrchCli.Success : OrchCli.Failure;
    }

    private static int ValidateStack(CliContext cli, string path)
    {
        var result = StackFile.Load(path);
        var order = result.Config is { } stack
            ? StackOrder.Topological([.. stack.Apps.Select(a => (a.App, (IReadOnlyList<string>)a.DependsOn))]) ?? []
            : [];
        cli.Output.StackValidation(new ValidateStackReport(result.IsValid, path, result.Config?.Stack, order, result.Problems));
        return result.IsValid ? OrchCli.Success : OrchCli.Failure;
    }
}
