using System.CommandLine;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orch rollback</c>: reactivates an earlier deployment; same streaming and exit codes as deploy.</summary>
internal sealed class RollbackCommand : Command
{
    private static readonly Option<string?> App = new("--app") { Description = "The app (needed when the daemon runs several)", HelpName = "NAME" };

    private static readonly Option<string?> To = new("--to")
    {
        Description = "Deployment to go back to (default: the one before the active one)",
        HelpName = "DEPLOYMENT",
    };

    public RollbackCommand()
        : base("rollback", "Switch traffic back to an earlier deployment")
    {
        Options.Add(App);
        To.Validators.Add(OptionRules.SafeIdentifier);
        Options.Add(To);
        SetAction(CliAction.Run(ExecuteAsync));
    }

    private static async Task<int> ExecuteAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = cli.CreateClient();
        var request = new RollbackRequest(parseResult.GetValue(App), parseResult.GetValue(To));
        var final = await cli.Output.ProgressAsync("rolling back", client.RollbackAsync(request, cancellationToken), cancellationToken);
        return ProgressExit.Code(cli, final);
    }
}
