using System.Collections.Immutable;

namespace Orchestrator.Routing;

public enum RouteState
{
    Active,
    Draining,

    /// <summary>Live beside the active deployment for the requests its table's <see cref="RouteTable.Canary"/> rule picks.</summary>
    Canary,
}

/// <summary>
/// One live deployment of an app as the router sees it: where its replicas listen, and for a draining one the moment
/// its drain ends (null until its deployment announced it): the router then closes its connections on its own clock,
/// whether or not a daemon runs. <paramref name="WarmPath"/> is the path (its health check's) a router may GET to open
/// connections to it before traffic moves there; null in tables journaled before it existed, and for draining ones.
/// </summary>
public sealed record DeploymentRoute(
    string DeploymentId,
    RouteState State,
    ImmutableArray<string> Destinations,
    DateTimeOffset? DrainDeadline = null,
    string? WarmPath = null);

/// <summary>
/// The affinity table of one app: the active deployment, the draining ones, and their destinations
/// (<c>http://127.0.0.1:18182</c>). Immutable; every change gets a new, higher <see cref="Version"/>.
/// <paramref name="RequestTimeout"/> (time to the app's response headers) is null in tables journaled before it
/// existed: the router then uses its default. <paramref name="Canary"/> is the deployment that serves a share of the
/// requests beside the active one, and its rule; null when there is none (and in tables journaled before canaries).
/// </summary>
public sealed record RouteTable(
    string App,
    long Version,
    string Listen,
    ImmutableArray<string> Hosts,
    bool Affinity,
    string? ActiveDeploymentId,
    ImmutableDictionary<string, DeploymentRoute> Deployments,
    TimeSpan? RequestTimeout = null,
    CanaryRoute? Canary = null)
{
    public static RouteTable Empty(string app) =>
        new(app, 0, "", [], false, null, ImmutableDictionary<string, DeploymentRoute>.Empty);

    public DeploymentRoute? Active => ActiveDeploymentId is { } id ? Deployments.GetValueOrDefault(id) : null;
}

/// <summary>
/// Connections the router holds open to one deployment right now, and <paramref name="Requests"/>: how many requests it
/// sent there since it started (0 from routers older than the count).
/// </summary>
public sealed record ConnectionCounts(int Http, int WebSocket, int Streaming, long Requests = 0)
{
    public static readonly ConnectionCounts Zero = new(0, 0, 0);

    public int Total => Http + WebSocket + Streaming;

    public ConnectionCounts Add(ConnectionCounts other) =>
        new(Http + other.Http, WebSocket + other.WebSocket, Streaming + other.Streaming, Requests + other.Requests);
}
