using Orchestrator.Routing;

namespace Orchestrator.Router.Routing;

/// <summary>
/// One live deployment as requests reach it: its id (which keys connection counts) and its destinations, taken in
/// turn. Round-robin needs one interlocked increment; a deployment of one destination (the usual case) needs none.
/// When its destinations are probed (<see cref="DestinationHealth.IsProbed"/>) the turn skips those down, and when all
/// are down it takes them all in turn: health alone never leaves a request without a destination.
/// </summary>
internal sealed class DeploymentTarget
{
    private readonly string[] _destinations;
    private readonly DestinationState[]? _health;
    private int _turn = -1;

    /// <param name="health">The book of probed destinations; null to take every destination in turn regardless.</param>
    public DeploymentTarget(DeploymentRoute deployment, DestinationHealth? health)
    {
        _destinations = deployment.Destinations.IsDefault ? [] : [.. deployment.Destinations.Distinct(StringComparer.Ordinal)];
        DeploymentId = deployment.DeploymentId;
        if (health is not null && DestinationHealth.IsProbed(deployment))
        {
            _health = [.. _destinations.Select(health.For)];
        }
    }

    public string DeploymentId { get; }

    /// <summary>The destination prefix (<c>http://127.0.0.1:18182</c>) of the next request; null when it has none.</summary>
    public string? NextDestination()
    {
        switch (_destinations.Length)
        {
            case 0:
                return null;
            case 1:
                return _destinations[0];
        }

        var turn = (int)((uint)Interlocked.Increment(ref _turn) % (uint)_destinations.Length);
        return _destinations[FirstUpFrom(turn) ?? turn];
    }

    /// <summary>
    /// Where a request goes once more after <paramref name="failed"/> could not be reached: the next destination after
    /// it that is up, else the next after it; null when the deployment has no other.
    /// </summary>
    public string? RetryDestination(string failed)
    {
        var index = Array.IndexOf(_destinations, failed);
        if (_destinations.Length < 2 || index < 0)
        {
            return null;
        }

        var next = (index + 1) % _destinations.Length;
        return FirstUpFrom(next) is { } up && up != index ? _destinations[up] : _destinations[next];
    }

    /// <summary>A forward could not reach the destination: skip it until its probe passes (only when it is probed).</summary>
    public void MarkDown(string destination, string reason)
    {
        if (_health is not null && Array.IndexOf(_destinations, destination) is >= 0 and var index)
        {
            _health[index].MarkDown(reason);
        }
    }

    private int? FirstUpFrom(int start)
    {
        if (_health is null)
        {
            return start;
        }

        for (var i = 0; i < _destinations.Length; i++)
        {
            var candidate = (start + i) % _destinations.Length;
            if (!_health[candidate].IsDown)
            {
                return candidate;
            }
        }

        return null;
    }
}
