using System.CommandLine;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Railway;

/// <summary>
/// <c>orch railway status</c>: the baseline services (present or missing), the deployments with Railway's status of each,
/// the janitor's queue, and the services with the app's prefix that neither the journal nor the janitor knows.
/// </summary>
internal sealed class RailwayStatusCommand : Command
{
    private static readonly Option<string> Config = RailwayOptions.Config();

    public RailwayStatusCommand()
        : base("status", "Show the app's Railway services, deployments and janitor queue")
    {
        Options.Add(Config);
        SetAction(CliAction.Run(ExecuteAsync));
    }

    private static async Task<int> ExecuteAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var config = await RailwayOptions.ReadConfigAsync(parseResult, Config, cancellationToken);
        using var client = cli.CreateClient();
        var railway = await client.RailwayStatusAsync(new RailwayStatusRequest(config.Toml, config.Path), cancellationToken);
        var status = await client.StatusAsync(null, cancellationToken);
        var app = status.Apps.FirstOrDefault(a => a.App == config.App.App);
        var report = new RailwayStatusReport(railway, app?.ActiveDeploymentId, app?.Deployments ?? [], RailwaySharedDirReport.Of(config.App.Railway));
        cli.Output.RailwayStatus(report);
        return OrchCli.Success;
    }
}
