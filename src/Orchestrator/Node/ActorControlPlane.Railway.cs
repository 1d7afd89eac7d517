using Akka.Actor;
using Orchestrator.Actors.Railway;
using Orchestrator.Config;
using Orchestrator.Control;
using Orchestrator.Control.Contracts;
using Orchestrator.Railway;

namespace Orchestrator.Node;

/// <summary>The control plane's view of an app's Railway project: what exists there, next to what the journal knows.</summary>
internal sealed partial class ActorControlPlane
{
    public async Task<RailwayStatusResponse> RailwayStatusAsync(RailwayStatusRequest request, CancellationToken cancellationToken)
    {
        var loaded = AppConfigLoader.Load(request.ConfigToml, request.ConfigPath);
        if (loaded.Config is not { Railway: { } railway } config)
        {
            throw new ControlPlaneException(400, loaded.Config is null
                ? $"{request.ConfigPath} has {loaded.Problems.Length} problem(s)"
                : $"app '{loaded.Config.App}' has no [railway] in its orch.toml", "`orch validate` says what to fix", [.. loaded.Problems.Select(p => p.ToString())]);
        }

        var node = await actors;
        if (node.Railway is not { } runtime)
        {
            throw new ControlPlaneException(409, "this daemon has no Railway token, so it cannot read the Railway project",
                "start it with RAILWAY_TOKEN (a project token) or RAILWAY_API_TOKEN (an account or workspace token)");
        }

        var queue = node.Railway.Janitor.Ask<RailwayJanitorQueue>(GetRailwayJanitorQueue.Instance, AskTimeout, cancellationToken);
        var deployments = KnownDeploymentIdsAsync(config.App, cancellationToken);
        var client = runtime.ClientFor(railway.ApiUrl);
        RailwayPlacement placement;
        try
        {
            placement = await RailwayPlacement.ResolveAsync(client, new(railway.Workspace.Name, railway.Workspace.Id),
                new(railway.Project.Name, railway.Project.Id), new(railway.Environment.Name, railway.Environment.Id), cancellationToken);
        }
        catch (Exception ex) when (ex is RailwayException or RailwayPlacementException)
        {
            throw new ControlPlaneException(502, $"Railway did not answer for app '{config.App}': {ex.Message}", "check [railway]'s project and the daemon's token");
        }

        var pending = (await queue).Deletions.Where(d => d.Deletion.App == config.App).ToList();
        return RailwayInventory.Of(config.App, railway, placement, await deployments, pending, (await queue).CallsMade);
    }

    /// <summary>Every deployment id the app's journal holds, ended ones included; none when the app is unknown here.</summary>
    private async Task<IReadOnlySet<string>> KnownDeploymentIdsAsync(string app, CancellationToken cancellationToken)
    {
        var status = await StatusAsync(null, cancellationToken);
        return status.Apps.Where(a => a.App == app).SelectMany(a => a.Deployments).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
    }
}
