using Microsoft.AspNetCore.Http;
using Orchestrator.Router.Routing;

namespace Orchestrator.Router.Affinity;

/// <summary>
/// When the app's table has affinity on, a request that names a live deployment of that app (header, query or
/// cookie) goes to that deployment; anything else is left to the canary's rule and the active one. Only deployments of the same app's table
/// can be chosen, so affinity never reaches an address that is not one of its destinations.
/// </summary>
internal static class AffinityChoice
{
    /// <summary>The live deployment the request names, when affinity is on; null when it names none.</summary>
    public static DeploymentTarget? Named(AppRoute route, HttpRequest request) =>
        route.Affinity
        && AffinityKey.Read(request) is { } deploymentId
        && route.Deployments.TryGetValue(deploymentId, out var named)
            ? named
            : null;
}
