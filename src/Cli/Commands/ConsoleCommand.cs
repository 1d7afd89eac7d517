using System.CommandLine;
using Orchestrator.Cli.Prompt;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orch console</c>: an interactive prompt with every verb of <c>orch</c>, connected to one node.</summary>
internal sealed class ConsoleCommand : Command
{
    public ConsoleCommand()
        : base("console", "An interactive prompt (orch> ) running every orch verb against one node; `connect ADDRESS` switches nodes, exit or Ctrl-D leaves")
    {
        SetAction(ExecuteAsync);
    }

    private static Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var configuration = parseResult.InvocationConfiguration;
        var atTerminal = !Console.IsInputRedirected && ReferenceEquals(configuration.Output, Console.Out) && !Console.IsOutputRedirected;
        IConsoleInput input = atTerminal
            ? new LineEditor(ConsoleSession.Prompt, new ConsoleHistory(ConsoleHistory.DefaultPath()), new CommandCompletion(OrchCli.Root, ConsoleSession.ConsoleWords))
            : new PipedLines(Console.In);
        var session = new ConsoleSession(input, configuration, parseResult.GetValue(GlobalOptions.Control), parseResult.GetValue(GlobalOptions.Json), isScript: !atTerminal);
        return session.RunAsync(cancellationToken);
    }
}
