using System.Collections.Immutable;
using Orchestrator.Actors.Messaging;
using Orchestrator.Actors.Persistence;
using Orchestrator.Routing;

namespace Orchestrator.Actors.Routing;

/// <summary>Every command to an app's route table carries the app: it is the entity id.</summary>
public interface IRouteTableCommand
{
    string App { get; }
}

/// <summary>Where an app is reachable on the router; <paramref name="RequestTimeout"/> null means the router's default.</summary>
public sealed record RouteListener(string Listen, ImmutableArray<string> Hosts, bool Affinity, TimeSpan? RequestTimeout = null);

/// <summary>
/// Make <paramref name="DeploymentId"/> the active deployment; the previous active one becomes draining. With
/// <paramref name="Canary"/>, it serves only the requests that rule picks instead, and the active one stays active.
/// </summary>
public sealed record ActivateRoute(
    string App, string DeploymentId, ImmutableArray<string> Destinations, RouteListener Listener, string? WarmPath = null, CanaryRoute? Canary = null)
    : IRouteTableCommand, IClusterMessage;

/// <summary>
/// (Re)register a draining deployment: when its drain begins, and after a restart of the node. Its
/// <paramref name="DrainDeadline"/> goes into the table so that routers end its connections then by themselves.
/// </summary>
public sealed record RegisterDrainingRoute(
    string App, string DeploymentId, ImmutableArray<string> Destinations, RouteListener Listener, DateTimeOffset? DrainDeadline = null)
    : IRouteTableCommand, IClusterMessage;

/// <summary>Forget a deployment; replicas close what is still open to it.</summary>
public sealed record RemoveRoute(string App, string DeploymentId) : IRouteTableCommand, IClusterMessage;

/// <summary>No active deployment any more: the router answers 503.</summary>
public sealed record ClearRoutes(string App) : IRouteTableCommand, IClusterMessage;

/// <summary>
/// Answer to a change: every reachable router replica serves <see cref="Table"/>. <paramref name="Unreached"/> names the
/// replicas that were unreachable and so not waited for: each gets the table when it is reachable again.
/// </summary>
public sealed record RouteUpdated(string App, RouteTable Table, ImmutableArray<string> Unreached = default) : IClusterMessage
{
    public ImmutableArray<string> Unreached { get; init; } = Unreached.IsDefault ? [] : Unreached;
}

/// <summary>Answer to a change that not every replica could apply in time.</summary>
public sealed record RouteUpdateFailed(string App, long Version, string Reason) : IClusterMessage;

/// <summary>Replies <see cref="DrainStatus"/>: connections to the deployment reported after <paramref name="Since"/>.</summary>
public sealed record GetDrainStatus(string App, string DeploymentId, DateTimeOffset Since) : IRouteTableCommand, IClusterMessage;

/// <summary><see cref="Fresh"/> is true once every replica has reported after the asked time.</summary>
public sealed record DrainStatus(string DeploymentId, ConnectionCounts Connections, bool Fresh) : IClusterMessage
{
    public bool Idle => Fresh && Connections.Total == 0;
}

/// <summary>Replies the current <see cref="RouteTable"/>.</summary>
public sealed record GetRouteTable(string App) : IRouteTableCommand, IClusterMessage;

/// <summary>The journal keeps the last table so versions only ever grow, across restarts too.</summary>
public sealed record RouteTableChanged(RouteTable Table) : IPersistedEvent;
