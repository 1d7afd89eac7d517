using System.CommandLine;
using Orchestrator.Cli.Commands;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Railway;

/// <summary><c>orch railway redeploy</c>: a new deployment service running what the active deployment (or the given one) runs.</summary>
internal sealed class RailwayRedeployCommand : Command
{
    private static readonly Option<string> Config = RailwayOptions.Config();

    private static readonly Option<string?> DeploymentId = new("--deployment-id")
    {
        Description = "The deployment whose image to run again (default: the active one)",
        HelpName = "ID",
    };

    public RailwayRedeployCommand()
        : base("redeploy", "Run the active deployment's image again as a new deployment, switched to once healthy")
    {
        Options.Add(Config);
        DeploymentId.Validators.Add(OptionRules.SafeIdentifier);
        Options.Add(DeploymentId);
        SetAction(CliAction.Run(ExecuteAsync));
    }

    private static async Task<int> ExecuteAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var config = await RailwayOptions.ReadConfigAsync(parseResult, Config, cancellationToken);
        using var client = cli.CreateClient();
        var request = new RedeployRequest(config.App.App, parseResult.GetValue(DeploymentId));
        var final = await cli.Output.ProgressAsync("redeploying on Railway", client.RedeployAsync(request, cancellationToken), cancellationToken);
        return ProgressExit.Code(cli, final);
    }
}
