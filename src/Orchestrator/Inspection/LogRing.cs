using System.Collections.Immutable;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Inspection;

/// <summary>
/// The node's most recent log lines, oldest first, at most <see cref="Capacity"/> of them; and the readers that follow new
/// ones. Appending takes a short lock and never waits for a reader: one that falls behind loses lines (see
/// <see cref="LogRingSubscription"/>).
/// </summary>
internal sealed class LogRing
{
    private readonly object _gate = new();
    private readonly NodeLogLine[] _lines;
    private int _next;
    private int _count;
    private ImmutableArray<LogRingSubscription> _subscriptions = [];

    public LogRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _lines = new NodeLogLine[capacity];
    }

    public int Capacity => _lines.Length;

    public void Append(NodeLogLine line)
    {
        lock (_gate)
        {
            _lines[_next] = line;
            _next = (_next + 1) % _lines.Length;
            _count = Math.Min(_count + 1, _lines.Length);
            foreach (var subscription in _subscriptions)
            {
                subscription.Offer(line);
            }
        }
    }

    /// <summary>The lines at or above <paramref name="level"/>, oldest first.</summary>
    public ImmutableArray<NodeLogLine> Recent(NodeLogLevel level)
    {
        lock (_gate)
        {
            return RecentUnderLock(level);
        }
    }

    /// <summary>
    /// The recent lines and a subscription to every later one, taken together so that no line is missed or seen twice
    /// between them. Dispose the subscription to stop following.
    /// </summary>
    public (ImmutableArray<NodeLogLine> Recent, LogRingSubscription Subscription) Follow(NodeLogLevel level, int buffer)
    {
        lock (_gate)
        {
            var subscription = new LogRingSubscription(this, level, buffer);
            _subscriptions = _subscriptions.Add(subscription);
            return (RecentUnderLock(level), subscription);
        }
    }

    internal void Unsubscribe(LogRingSubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = _subscriptions.Remove(subscription);
        }
    }

    private ImmutableArray<NodeLogLine> RecentUnderLock(NodeLogLevel level)
    {
        var recent = ImmutableArray.CreateBuilder<NodeLogLine>(_count);
        var first = (_next - _count + _lines.Length) % _lines.Length;
        for (var i = 0; i < _count; i++)
        {
            var line = _lines[(first + i) % _lines.Length];
            if (line.Level >= level)
            {
                recent.Add(line);
            }
        }

        return recent.ToImmutable();
    }
}
