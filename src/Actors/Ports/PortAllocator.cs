using Orchestrator.Config;

namespace Orchestrator.Actors.Ports;

/// <summary>
/// The host's ports: one instance per host, shared by every deployment, so two deploys (of one app or of two apps
/// with overlapping ranges) never get the same port. Thread-safe; calls are short and synchronous.
/// </summary>
internal sealed class PortAllocator
{
    private const int OwnersNamedInErrors = 3;

    private readonly Lock _lock = new();
    private readonly Dictionary<int, string> _owners = [];

    /// <summary>Reserves the first port of <paramref name="range"/> that is neither reserved here nor bound by another program.</summary>
    /// <param name="avoid">Ports to pass over as well: those the same deployment holds on other nodes, which may share this machine.</param>
    public PortReservation Reserve(PortRange range, string owner, IReadOnlySet<int>? avoid = null)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentException.ThrowIfNullOrEmpty(owner);

        lock (_lock)
        {
            var inUseElsewhere = 0;
            for (var port = range.First; port <= range.Last; port++)
            {
                if (_owners.ContainsKey(port) || avoid?.Contains(port) == true)
                {
                    continue;
                }

                if (!PortProbe.CanBind(port))
                {
                    inUseElsewhere++;
                    continue;
                }

                _owners[port] = owner;
                return PortReservation.Of(port);
            }

            return PortReservation.Failed(Exhausted(range, inUseElsewhere));
        }
    }

    /// <summary>
    /// Re-reserves exactly <paramref name="port"/> for <paramref name="owner"/> (recovery after a restart). Does not
    /// check that the port can be bound: our own adopted process is likely listening on it. False when another owner holds it.
    /// </summary>
    public bool TryReserve(int port, string owner)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        ArgumentException.ThrowIfNullOrEmpty(owner);

        lock (_lock)
        {
            if (_owners.TryGetValue(port, out var holder))
            {
                return holder == owner;
            }

            _owners[port] = owner;
            return true;
        }
    }

    /// <summary>Releases every port <paramref name="owner"/> holds.</summary>
    public void Release(string owner)
    {
        lock (_lock)
        {
            foreach (var port in _owners.Where(p => p.Value == owner).Select(p => p.Key).ToList())
            {
                _owners.Remove(port);
            }
        }
    }

    /// <summary>Releases <paramref name="port"/> if <paramref name="owner"/> holds it.</summary>
    public void Release(string owner, int port)
    {
        lock (_lock)
        {
            if (_owners.TryGetValue(port, out var holder) && holder == owner)
            {
                _owners.Remove(port);
            }
        }
    }

    /// <summary>The owner of <paramref name="port"/>, or null.</summary>
    public string? OwnerOf(int port)
    {
        lock (_lock)
        {
            return _owners.GetValueOrDefault(port);
        }
    }

    private string Exhausted(PortRange range, int inUseElsewhere)
    {
        var reserved = _owners.Where(p => p.Key >= range.First && p.Key <= range.Last).ToList();
        var owners = reserved.Select(p => p.Value).Distinct().Order(StringComparer.Ordinal).ToList();
        var named = string.Join(", ", owners.Take(OwnersNamedInErrors));
        if (owners.Count > OwnersNamedInErrors)
        {
            named += $" and {owners.Count - OwnersNamedInErrors} more";
        }

        var byDeployments = reserved.Count == 0 ? "0 reserved by deployments" : $"{reserved.Count} reserved by deployments ({named})";
        var ports = range.Count == 1 ? "1 port" : $"{range.Count} ports";
        return $"no free port in {range} ({ports}): {byDeployments}, {inUseElsewhere} in use by other programs; " +
               "widen `port` in orch.toml or stop old deployments";
    }
}
