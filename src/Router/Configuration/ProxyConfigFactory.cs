using System.Collections.Immutable;
using Orchestrator.Actors.Routing;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Orchestrator.Router.Configuration;

/// <summary>
/// Turns route tables into YARP config: one route per app (id = app) pointing at the active
/// deployment's cluster, one cluster per live deployment (id = deployment id).
/// </summary>
internal static class ProxyConfigFactory
{
    public const string CatchAllPath = "/{**catch-all}";

    public static IReadOnlyList<RouteConfig> Routes(ImmutableDictionary<string, RouteTable> tables)
    {
        // Host-specific apps win; among host-less apps on one listener, the first by name wins
        // (an explicit order instead of an ambiguous-match 500).
        var hostless = 0;
        return [.. tables.Values
            .OrderBy(table => table.App, StringComparer.Ordinal)
            .Select(table => Route(table, table.Hosts.IsDefaultOrEmpty ? ++hostless : 0))];
    }

    public static IReadOnlyList<ClusterConfig> Clusters(ImmutableDictionary<string, RouteTable> tables) =>
        [.. tables.Values
            .SelectMany(table => table.Deployments.Values)
            .OrderBy(deployment => deployment.DeploymentId, StringComparer.Ordinal)
            .Select(Cluster)];

    private static RouteConfig Route(RouteTable table, int order) => new()
    {
        RouteId = table.App,
        Order = order,
        ClusterId = table.Active?.DeploymentId,

        // Time to the app's response headers; lifted once they arrive (see RequestTimeoutRelease), so streams and
        // WebSockets run on.
        Timeout = table.RequestTimeout ?? RouterDefaults.RequestTimeout,
        Match = new RouteMatch
        {
            Path = CatchAllPath,
            Hosts = table.Hosts.IsDefaultOrEmpty ? null : table.Hosts,
        },
    };

    private static ClusterConfig Cluster(DeploymentRoute deployment) => new()
    {
        ClusterId = deployment.DeploymentId,
        Destinations = deployment.Destinations.IsDefault
            ? ImmutableDictionary<string, DestinationConfig>.Empty
            : deployment.Destinations
                .Distinct(StringComparer.Ordinal)
                .ToImmutableDictionary(address => address, address => new DestinationConfig { Address = address }),
        HttpRequest = new ForwarderRequestConfig { ActivityTimeout = RouterDefaults.UpstreamActivityTimeout },
    };
}
