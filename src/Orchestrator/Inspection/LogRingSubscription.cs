using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Inspection;

/// <summary>
/// One reader following a <see cref="LogRing"/>: new lines at or above its level wait in a bounded buffer. When the buffer
/// is full the line is dropped for this reader only (the ring and other readers keep it), and the reader later gets one
/// line saying how many it lost, in the place where they were.
/// </summary>
internal sealed class LogRingSubscription : IDisposable
{
    /// <summary>The <see cref="NodeLogLine.Source"/> of the line that reports lost lines.</summary>
    public const string GapSource = "orch log tail";

    private readonly LogRing _ring;
    private readonly NodeLogLevel _level;
    private readonly Channel<NodeLogLine> _buffer;

    // Written only under the ring's lock (Offer), so it needs no atomics.
    private long _dropped;

    internal LogRingSubscription(LogRing ring, NodeLogLevel level, int buffer)
    {
        _ring = ring;
        _level = level;
        _buffer = Channel.CreateBounded<NodeLogLine>(new BoundedChannelOptions(buffer)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
        });
    }

    /// <summary>Never waits: a full buffer drops the line and counts it.</summary>
    internal void Offer(NodeLogLine line)
    {
        if (line.Level < _level)
        {
            return;
        }

        if (_dropped > 0)
        {
            if (!_buffer.Writer.TryWrite(Gap(_dropped, line.Timestamp)))
            {
                _dropped++;
                return;
            }

            _dropped = 0;
        }

        if (!_buffer.Writer.TryWrite(line))
        {
            _dropped++;
        }
    }

    /// <summary>Every line after the subscription, until cancelled or disposed.</summary>
    public async IAsyncEnumerable<NodeLogLine> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var line in _buffer.Reader.ReadAllAsync(cancellationToken))
        {
            yield return line;
        }
    }

    public void Dispose()
    {
        _ring.Unsubscribe(this);
        _buffer.Writer.TryComplete();
    }

    private static NodeLogLine Gap(long dropped, DateTimeOffset at) => new(
        at, NodeLogLevel.Warning, GapSource, $"{dropped} log line(s) dropped here: this reader fell behind the node's log", Environment.CurrentManagedThreadId);
}
