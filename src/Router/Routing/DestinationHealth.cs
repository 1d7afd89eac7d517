using Microsoft.Extensions.Logging;
using Orchestrator.Routing;

namespace Orchestrator.Router.Routing;

/// <summary>
/// The up/down book of the destinations the router probes: those of a deployment with several destinations and a warm
/// path (<see cref="IsProbed"/>). One <see cref="DestinationState"/> per destination address, shared by every
/// listener's snapshot (which skips the ones down) and the <see cref="DestinationProber"/> (which sets them), so a
/// table change keeps what the router knows. A deployment of one destination has no entry and costs nothing.
/// Changed under the runtime's install gate only.
/// </summary>
internal sealed class DestinationHealth(ILogger logger)
{
    private readonly Dictionary<string, DestinationState> _states = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether the deployment's destinations are probed and skipped when down. Without a warm path nothing would bring
    /// a destination marked down back, so such a deployment takes its destinations in turn as before.
    /// </summary>
    public static bool IsProbed(DeploymentRoute deployment) =>
        deployment.WarmPath is not null
        && !deployment.Destinations.IsDefault
        && deployment.Destinations.Distinct(StringComparer.Ordinal).Skip(1).Any();

    /// <summary>The destination's state, created up when the book has none.</summary>
    public DestinationState For(string destination)
    {
        if (!_states.TryGetValue(destination, out var state))
        {
            state = new DestinationState(destination, logger);
            _states.Add(destination, state);
        }

        return state;
    }

    /// <summary>Drops a destination no table probes anymore: if one names it again, it starts up.</summary>
    public void Forget(string destination) => _states.Remove(destination);
}
