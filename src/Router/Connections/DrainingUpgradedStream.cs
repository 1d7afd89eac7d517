namespace Orchestrator.Router.Connections;

/// <summary>
/// The client side of an upgraded (WebSocket) connection as YARP copies into it. It follows the server→client frame
/// headers so that, at the drain deadline, it can write a close frame (1012) where a frame ends, never inside one;
/// whatever the app sends after that is dropped, as RFC 6455 forbids sending after a close.
/// </summary>
internal sealed class DrainingUpgradedStream(Stream inner) : Stream
{
    private static readonly byte[] CloseFrame = WebSocketCloseFrame.Of(WebSocketCloseFrame.ServiceRestart, "service restart");
    private readonly SemaphoreSlim _writes = new(1, 1);
    private readonly WebSocketFrameTracker _frames = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _closing;

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// Closes at the next frame boundary: at once when no frame is partly written, else once the frame in flight ends.
    /// Returns whether the close frame was written within about twice <paramref name="grace"/>.
    /// </summary>
    public async Task<bool> CloseAtFrameBoundaryAsync(TimeSpan grace)
    {
        // Set before taking the gate: a write in flight then stops at the frame's end and closes itself.
        _closing = true;
        if (!await _writes.WaitAsync(grace).ConfigureAwait(false))
        {
            return false; // a write is stuck on a client that does not read
        }

        try
        {
            if (!_closed.Task.IsCompleted && _frames.AtFrameBoundary)
            {
                await WriteCloseAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            _writes.Release();
        }

        try
        {
            await _closed.Task.WaitAsync(grace).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_closed.Task.IsCompleted)
            {
                return;
            }

            var forward = _frames.Consume(buffer.Span, stopAtFrameEnd: _closing);
            await inner.WriteAsync(buffer[..forward], cancellationToken).ConfigureAwait(false);
            if (_closing && _frames.AtFrameBoundary)
            {
                await WriteCloseAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _writes.Release();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writes.Release();
        }
    }

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Under the write gate. When the app already sent its own close, that one stands.</summary>
    private async Task WriteCloseAsync(CancellationToken cancellationToken)
    {
        if (!_frames.CloseSeen)
        {
            await inner.WriteAsync(CloseFrame, cancellationToken).ConfigureAwait(false);
            await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        _closed.TrySetResult();
    }
}
