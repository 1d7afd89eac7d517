using Orchestrator.Routing;

namespace Orchestrator.Router.Routing;

/// <summary>
/// One live deployment as requests reach it: its id (which keys connection counts) and its destinations, taken in
/// turn. Round-robin needs one interlocked increment and no per-destination state; a deployment of one destination
/// (the usual case) needs none.
/// </summary>
internal sealed class DeploymentTarget(DeploymentRoute deployment)
{
    private readonly string[] _destinations = deployment.Destinations.IsDefault
        ? []
        : [.. deployment.Destinations.Distinct(StringComparer.Ordinal)];

    private int _turn = -1;

    public string DeploymentId { get; } = deployment.DeploymentId;

    /// <summary>The destination prefix (<c>http://127.0.0.1:18182</c>) of the next request; null when it has none.</summary>
    public string? NextDestination() => _destinations.Length switch
    {
        0 => null,
        1 => _destinations[0],
        _ => _destinations[(int)((uint)Interlocked.Increment(ref _turn) % (uint)_destinations.Length)],
    };
}
