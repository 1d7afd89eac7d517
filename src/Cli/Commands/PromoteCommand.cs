using System.CommandLine;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orch promote</c>: the app's canary becomes its active deployment; same streaming and exit codes as deploy.</summary>
internal sealed class PromoteCommand : Command
{
    private static readonly Option<string?> App = new("--app") { Description = "The app (needed when the daemon runs several)", HelpName = "NAME" };

    public PromoteCommand()
        : base("promote", "Make the canary (orch deploy --canary) the active deployment; the previous one drains")
    {
        App.Validators.Add(OptionRules.SafeIdentifier);
        Options.Add(App);
        SetAction(CliAction.Run(ExecuteAsync));
    }

    private static async Task<int> ExecuteAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = cli.CreateClient();
        var request = new PromoteRequest(parseResult.GetValue(App));
        var final = await cli.Output.ProgressAsync("promoting", client.PromoteAsync(request, cancellationToken), cancellationToken);
        return ProgressExit.Code(cli, final);
    }
}
