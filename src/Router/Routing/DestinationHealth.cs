using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orchestrator.Routing;

namespace Orchestrator.Router.Routing;

/// <summary>
/// The up/down book of the destinations the router probes: those of a deployment with several destinations and a warm
/// path (<see cref="IsProbed"/>). One <see cref="DestinationState"/> per destination address, shared by every
/// listener's snapshot (which skips the ones down) and the <see cref="DestinationProber"/> (which sets them), so a
/// table change keeps what the router knows. A deployment of one destination has no entry and costs nothing.
/// Changed under the runtime's install gate only; read from anywhere.
/// </summary>
internal sealed class DestinationHealth(ILogger logger)
{
    private readonly ConcurrentDictionary<string, DestinationState> _states = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether the deployment's destinations are probed and skipped when down. Without a warm path nothing would bring
    /// a destination marked down back, so such a deployment takes its destinations in turn as before.
    /// </summary>
    public static bool IsProbed(DeploymentRoute deployment) =>
        deployment.WarmPath is not null
        && !deployment.Destinations.IsDefault
        && deployment.Destinations.Distinct(StringComparer.Ordinal).Skip(1).Any();

    /// <summary>The destination's state, created up when the book has none.</summary>
    public DestinationState For(string destination) =>
        _states.GetOrAdd(destination, static (destination, logger) => new DestinationState(destination, logger), logger);

    /// <summary>Drops a destination no table probes anymore: if one names it again, it starts up.</summary>
    public void Forget(string destination) => _states.TryRemove(destination, out _);

    /// <summary>The probed destinations marked down now.</summary>
    public ImmutableArray<string> Down =>
        [.. _states.Values.Where(state => state.IsDown).Select(state => state.Destination).Order(StringComparer.Ordinal)];
}
