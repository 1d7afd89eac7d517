using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Orchestrator.Routing.Feed;

/// <summary>
/// One end of a feed connection: JSON documents, one per line, each way. Reads are for one reader at a time; writes
/// may come from several threads and go out whole, one after the other.
/// </summary>
public sealed class FeedConnection(Stream stream) : IAsyncDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    public async Task WriteAsync<T>(T message, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(message, type);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await stream.WriteAsync(bytes, cancellationToken);
            await stream.WriteAsync(NewLine, cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>The next document, or null once the other end closed the connection.</summary>
    /// <exception cref="InvalidDataException">A line that is no such document, or one longer than <see cref="RouterFeed.MaxLineBytes"/>.</exception>
    public async Task<T?> ReadAsync<T>(JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var line = new ReadOnlySpan<byte>(_buffer, _start, newline - _start);
                _start = newline + 1;
                if (line.IsEmpty)
                {
                    continue;
                }

                try
                {
                    return JsonSerializer.Deserialize(line, type) ?? throw new InvalidDataException("the feed sent null");
                }
                catch (JsonException e)
                {
                    throw new InvalidDataException($"the feed sent a line that is no {typeof(T).Name}: {e.Message}", e);
                }
            }

            MakeRoom();
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
            {
                return null;
            }

            _end += read;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stream.DisposeAsync();
        _writeGate.Dispose();
    }

    private void MakeRoom()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end < _buffer.Length)
        {
            return;
        }

        if (_buffer.Length >= RouterFeed.MaxLineBytes)
        {
            throw new InvalidDataException($"the feed sent a line longer than {RouterFeed.MaxLineBytes} bytes");
        }

        var larger = new byte[Math.Min(_buffer.Length * 2, RouterFeed.MaxLineBytes)];
        Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
        _buffer = larger;
    }
}
