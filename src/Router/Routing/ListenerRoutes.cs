using System.Collections.Immutable;
using Orchestrator.Routing;

namespace Orchestrator.Router.Routing;

/// <summary>
/// The snapshot one listener serves. A table change swaps the reference; a request reads it once, so it sees one
/// table throughout, and once <see cref="Publish"/> returned the next request sees the new one.
/// </summary>
internal sealed class ListenerRoutes(ImmutableDictionary<string, RouteTable> initial, DestinationHealth health)
{
    private RouteSnapshot _current = new(initial, health);

    public RouteSnapshot Current => Volatile.Read(ref _current);

    /// <summary>Serves the tables from the next request on. Called under the runtime's install gate only.</summary>
    public void Publish(ImmutableDictionary<string, RouteTable> tables) => Volatile.Write(ref _current, new RouteSnapshot(tables, health));
}
