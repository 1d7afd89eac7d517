using System.CommandLine;
using System.CommandLine.Parsing;
using System.Runtime.InteropServices;
using Orchestrator.Actors;
using Orchestrator.Hosting;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orch daemon</c>: runs a node in the foreground until SIGINT/SIGTERM or <c>orch shutdown</c>.</summary>
internal sealed class DaemonCommand : Command
{
    private static readonly Option<string?> StateDir = new("--state-dir")
    {
        Description = $"Where the journal, logs and socket live (default: ${Defaults.StateDirEnvironmentVariable}, else ~/.local/state/orch)",
        HelpName = "DIR",
    };

    private static readonly Option<string?> SocketMode = new("--socket-mode")
    {
        Description = "Octal file mode of the control socket, e.g. 660 to let a group deploy",
        HelpName = "MODE",
    };

    private static readonly Option<string?> Journal = new("--journal")
    {
        Description = $"Journal and snapshot store: sqlite (a file in the state dir) or redis://HOST:PORT[/DB] (default: ${JournalChoice.EnvironmentVariable}, else sqlite)",
        HelpName = "JOURNAL",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(JournalChoice.EnvironmentVariable),
    };

    public DaemonCommand()
        : base("daemon", "Run the orch daemon (actor system, router, control API) in the foreground")
    {
        Options.Add(StateDir);
        SocketMode.Validators.Add(ValidateSocketMode);
        Options.Add(SocketMode);
        Journal.Validators.Add(ValidateJournal);
        Options.Add(Journal);
        SetAction(CliAction.Run(ExecuteAsync));
    }

    private static async Task<int> ExecuteAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var stateDirectory = parseResult.GetValue(StateDir) is { Length: > 0 } dir ? Path.GetFullPath(dir) : Defaults.StateDirectory();
        var options = new NodeOptions
        {
            StateDirectory = stateDirectory,
            ControlSocketPath = ControlSocketPath(parseResult, stateDirectory),
            ControlSocketMode = parseResult.GetValue(SocketMode),
            Journal = JournalChoice.Parse(parseResult.GetValue(Journal)),
        };

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => Stop(signal, stopping));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => Stop(signal, stopping));
        return await OrchestratorNode.RunAsync(options, stopping.Token);
    }

    /// <summary>An explicit --state-dir brings its own socket unless --control or $ORCH_CONTROL says otherwise.</summary>
    private static string ControlSocketPath(ParseResult parseResult, string stateDirectory) =>
        parseResult.GetValue(GlobalOptions.Control) is null
        && parseResult.GetValue(StateDir) is { Length: > 0 }
        && Environment.GetEnvironmentVariable(Defaults.ControlEnvironmentVariable) is null or ""
            ? Path.Combine(stateDirectory, Defaults.ControlSocketFileName)
            : CliContext.ResolveSocketPath(parseResult.GetValue(GlobalOptions.Control));

    private static void ValidateSocketMode(OptionResult result)
    {
        if (result.GetValueOrDefault<string?>() is { } mode && !Control.SocketMode.TryParse(mode, out _))
        {
            result.AddError($"--socket-mode {mode} is not an octal file mode; use e.g. 660 (owner and group) or 600 (owner only)");
        }
    }

    private static void ValidateJournal(OptionResult result)
    {
        try
        {
            JournalChoice.Parse(result.GetValueOrDefault<string?>());
        }
        catch (FormatException e)
        {
            result.AddError(e.Message);
        }
    }

    private static void Stop(PosixSignalContext signal, CancellationTokenSource stopping)
    {
        // Keep the process alive: the node drains and stops its processes, then RunAsync returns.
        signal.Cancel = true;
        stopping.Cancel();
    }
}
