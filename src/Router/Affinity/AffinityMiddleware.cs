using Microsoft.AspNetCore.Http;
using Orchestrator.Router.Configuration;
using Yarp.ReverseProxy;

namespace Orchestrator.Router.Affinity;

/// <summary>
/// When the app's table has affinity on, sends a request that names a live deployment of that app
/// (header, query or cookie) to that deployment's cluster. Anything else stays on the active one.
/// Only clusters YARP already holds for this app can be chosen, so affinity never reaches an
/// address that is not a registered destination.
/// </summary>
internal sealed class AffinityMiddleware(RequestDelegate next, ListenerState state, IProxyStateLookup proxyState)
{
    public Task InvokeAsync(HttpContext context)
    {
        var proxy = context.GetReverseProxyFeature();
        var table = state.Applied.Tables.GetValueOrDefault(proxy.Route.Config.RouteId);
        if (table is { Affinity: true }
            && AffinityKey.Read(context.Request) is { } deploymentId
            && deploymentId != proxy.Cluster.Config.ClusterId
            && table.Deployments.ContainsKey(deploymentId)
            && proxyState.TryGetCluster(deploymentId, out var cluster))
        {
            context.ReassignProxyRequest(cluster);
        }

        return next(context);
    }
}
