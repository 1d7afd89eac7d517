using System.CommandLine;
using Orchestrator.Control.Contracts;
using Orchestrator.Doctor;
using Orchestrator.Hosting;

namespace Orchestrator.CommandLine;

/// <summary><c>orch doctor</c>: is this machine ready to run and reach a daemon?</summary>
internal sealed class DoctorCommand : Command
{
    private static readonly Option<string?> Journal = new("--journal")
    {
        Description = $"The journal the daemon uses: sqlite or redis://HOST:PORT[/DB] (default: ${JournalChoice.EnvironmentVariable}, else the one the running daemon uses, else sqlite)",
        HelpName = "JOURNAL",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(JournalChoice.EnvironmentVariable),
    };

    private static readonly Option<string> Config = new("--config")
    {
        Description = "The app config whose proxy listen address to check",
        DefaultValueFactory = _ => Path.Combine(Environment.CurrentDirectory, Defaults.ConfigFileName),
        HelpName = "FILE",
    };

    public DoctorCommand()
        : base("doctor", "Check the daemon, the state directory, the proxy port and the journal")
    {
        Options.Add(Config);
        Options.Add(Journal);
        SetAction(NodeAction.Run(ExecuteAsync));
    }

    private static async Task<int> ExecuteAsync(NodeConsole console, ParseResult parseResult, CancellationToken cancellationToken)
    {
        // Neither --journal nor $ORCH_JOURNAL: check the journal the running daemon says it writes.
        var journal = parseResult.GetValue(Journal) is { Length: > 0 } given ? JournalChoice.Parse(given) : null;
        var checks = await DoctorChecks.RunAsync(NodeGlobalOptions.ResolveSocketPath(parseResult.GetValue(NodeGlobalOptions.Control)), parseResult.GetRequiredValue(Config), journal, cancellationToken);
        var ok = checks.All(c => c.Ok);
        console.Doctor(new DoctorReport(ok, checks));
        return ok ? NodeCommandLine.Success : NodeCommandLine.Failure;
    }
}
