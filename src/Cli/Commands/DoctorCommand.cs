using System.CommandLine;
using Orchestrator.Cli.Doctor;
using Orchestrator.Cli.Output;
using Orchestrator.Hosting;

namespace Orchestrator.Cli.Commands;

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
        DefaultValueFactory = _ => ConfigFile.DefaultPath,
        HelpName = "FILE",
    };

    public DoctorCommand()
        : base("doctor", "Check the daemon, the state directory, the proxy port and the journal")
    {
        Options.Add(Config);
        Options.Add(Journal);
        SetAction(CliAction.Run(ExecuteAsync));
    }

    private static async Task<int> ExecuteAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        // Neither --journal nor $ORCH_JOURNAL: check the journal the running daemon says it writes.
        var journal = parseResult.GetValue(Journal) is { Length: > 0 } given ? JournalChoice.Parse(given) : null;
        var checks = await DoctorChecks.RunAsync(cli.SocketPath, parseResult.GetRequiredValue(Config), journal, cancellationToken);
        var ok = checks.All(c => c.Ok);
        cli.Output.Doctor(new DoctorReport(ok, checks));
        return ok ? OrchCli.Success : OrchCli.Failure;
    }
}
