using System.CommandLine;
using System.Runtime.InteropServices;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// <c>orch log peek|tail</c>: the node's own Akka log, as pbm's <c>log</c> palette shows it (<c>orch logs</c>, plural,
/// is the output of app processes).
/// </summary>
internal sealed class LogCommand : Command
{
    private static readonly string[] Levels = [.. Enum.GetNames<NodeLogLevel>().Select(n => n.ToLowerInvariant())];

    private static readonly Option<string> Level = new("--level")
    {
        Description = $"The least severe level shown: {string.Join('|', Levels)}",
        DefaultValueFactory = _ => NodeLogRequest.DefaultLevel.ToString().ToLowerInvariant(),
        HelpName = "LEVEL",
    };

    public LogCommand()
        : base("log", "Show the node's own Akka log (not app output: see `orch logs`)")
    {
        Level.AcceptOnlyFromAmong(Levels);

        var peek = new Command("peek", $"Print the node's recent log lines (it keeps the last {Defaults.NodeLogRingLines})");
        peek.Options.Add(Level);
        peek.SetAction(CliAction.Run(PeekAsync));
        Subcommands.Add(peek);

        var tail = new Command("tail", "Print the node's recent log lines, then each new one until Ctrl-C (NDJSON with --json)");
        tail.Options.Add(Level);
        tail.SetAction(CliAction.Run(TailAsync));
        Subcommands.Add(tail);
    }

    private static async Task<int> PeekAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = cli.CreateClient();
        var lines = new List<NodeLogLine>();
        await foreach (var line in client.NodeLogAsync(new NodeLogRequest(LevelOf(parseResult), Follow: false), cancellationToken))
        {
            lines.Add(line);
        }

        cli.Output.NodeLog(lines);
        return OrchCli.Success;
    }

    private static async Task<int> TailAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => Stop(signal, stopping));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => Stop(signal, stopping));
        using var client = cli.CreateClient();
        try
        {
            await foreach (var line in client.NodeLogAsync(new NodeLogRequest(LevelOf(parseResult), Follow: true), stopping.Token))
            {
                cli.Output.NodeLogLine(line);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Ctrl-C: the tail is over, as asked.
        }

        return OrchCli.Success;
    }

    private static NodeLogLevel LevelOf(ParseResult parseResult) => Enum.Parse<NodeLogLevel>(parseResult.GetRequiredValue(Level), ignoreCase: true);

    private static void Stop(PosixSignalContext signal, CancellationTokenSource stopping)
    {
        signal.Cancel = true;
        stopping.Cancel();
    }
}
