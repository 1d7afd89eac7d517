using System.Collections.Immutable;
using Akka.Actor;
using Orchestrator.Actors.Routing;
using Orchestrator.Node;
using Orchestrator.Routing;

namespace Orchestrator.RouterProcess;

/// <summary>
/// Every app's current route table, asked of the cluster: the apps every reachable worker hosts, then each app's
/// table from the route-tables region. A router replica that holds these is as current as the cluster.
/// </summary>
internal static class CurrentRouteTables
{
    /// <exception cref="CurrentRouteTablesUnknownException">A worker or a table did not answer in time.</exception>
    public static async Task<ImmutableArray<RouteTable>> AskAsync(ActorSystem system, IActorRef apps, IActorRef routeTables, TimeSpan timeout)
    {
        var known = await ClusterApps.ByNodeAsync(system, apps, timeout, CancellationToken.None);
        if (!known.Silent.IsEmpty)
        {
            throw new CurrentRouteTablesUnknownException($"workers {string.Join(", ", known.Silent)} did not say which apps they host");
        }

        try
        {
            var tables = await Task.WhenAll(known.Apps.Select(app => routeTables.Ask<RouteTable>(new GetRouteTable(app), timeout)));
            return [.. tables.Where(t => t.Version > 0)];
        }
        catch (AskTimeoutException e)
        {
            throw new CurrentRouteTablesUnknownException($"a route table did not answer within {timeout.TotalSeconds:0}s: {e.Message}");
        }
    }
}

internal sealed class CurrentRouteTablesUnknownException(string message) : Exception(message);
