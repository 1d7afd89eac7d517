using System.Buffers;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Orchestrator.Control.Client.Http;

/// <summary>
/// One HTTP/1.1 request and its answer to the control API, over its unix socket or TCP (with TLS for https).
/// Request-response calls read with blocking calls on the caller's thread: the CLI then starts no socket engine or
/// thread-pool thread, which is most of what an <see cref="HttpClient"/> costs a process that lives for
/// milliseconds. Streams (deploy progress, followed logs) read asynchronously, for as long as they last.
/// Cancellation closes the socket, which ends a blocking read.
/// </summary>
internal sealed class ControlConnection : IDisposable
{
    private const int ReceiveBufferBytes = 16 * 1024;

    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly ControlRequest _request;

    private ControlConnection(Socket socket, Stream stream, ControlRequest request)
    {
        _socket = socket;
        _stream = stream;
        _request = request;
    }

    /// <summary>Connects and sends <paramref name="request"/>.</summary>
    /// <exception cref="DaemonNotRunningException">Nothing listens on the socket or the address.</exception>
    /// <exception cref="UnauthorizedAccessException">The socket's mode does not let this user connect.</exception>
    public static ControlConnection Send(ControlEndpoint endpoint, ControlRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (socket, stream) = ControlTransport.Connect(endpoint);
        var connection = new ControlConnection(socket, stream, request);
        try
        {
            using (connection.CloseOn(cancellationToken))
            {
                var bytes = request.Encode(endpoint);
                connection.Guard(() =>
                {
                    stream.Write(bytes);
                    stream.Flush();
                    return bytes.Length;
                }, "while sending the request", cancellationToken);
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Reads the whole answer, blocking the calling thread.</summary>
    public ControlResponse ReadResponse(CancellationToken cancellationToken)
    {
        var parser = new HttpResponseParser();
        var body = new ArrayBufferWriter<byte>(ReceiveBufferBytes);
        var buffer = ArrayPool<byte>.Shared.Rent(ReceiveBufferBytes);
        try
        {
            using var closing = CloseOn(cancellationToken);
            while (!parser.Complete)
            {
                var read = Guard(() => _stream.Read(buffer), "while reading the answer", cancellationToken);
                Feed(parser, buffer.AsSpan(0, read), body);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return new ControlResponse(parser.StatusCode, parser.ReasonPhrase, body.WrittenMemory);
    }

    /// <summary>
    /// Reads the answer's head; then, for a 2xx answer, yields the body line by line (NDJSON) as it arrives, and
    /// for any other answer the whole body as the single line of <paramref name="failure"/>.
    /// </summary>
    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadLinesAsync(
        Action<ControlResponse> failure, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var parser = new HttpResponseParser();
        var body = new ArrayBufferWriter<byte>(ReceiveBufferBytes);
        var buffer = new byte[ReceiveBufferBytes];
        var consumed = 0;
        while (!parser.Complete)
        {
            int read;
            try
            {
                read = await _stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw Lost("while reading the answer", ex);
            }

            Feed(parser, buffer.AsSpan(0, read), body);
            if (!parser.HeadComplete || !IsSuccess(parser.StatusCode))
            {
                continue;
            }

            while (body.WrittenSpan[consumed..].IndexOf((byte)'\n') is var newline and >= 0)
            {
                yield return body.WrittenMemory.Slice(consumed, newline);
                consumed += newline + 1;
            }

            if (consumed > 0)
            {
                // Keep only the start of the next line.
                var rest = body.WrittenSpan[consumed..].ToArray();
                body.ResetWrittenCount();
                body.Write(rest);
                consumed = 0;
            }
        }

        if (!IsSuccess(parser.StatusCode))
        {
            failure(new ControlResponse(parser.StatusCode, parser.ReasonPhrase, body.WrittenMemory));
        }
        else if (consumed < body.WrittenCount)
        {
            yield return body.WrittenMemory[consumed..];
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        _socket.Dispose();
    }

    private static bool IsSuccess(int status) => status is >= 200 and < 300;

    private void Feed(HttpResponseParser parser, ReadOnlySpan<byte> received, ArrayBufferWriter<byte> body)
    {
        try
        {
            if (received.IsEmpty)
            {
                parser.EndOfInput();
            }
            else
            {
                parser.Feed(received, body);
            }
        }
        catch (ControlConnectionException ex)
        {
            throw new ControlConnectionException($"the daemon's answer to {_request} broke off: {ex.Message}", ex);
        }
    }

    private CancellationTokenRegistration CloseOn(CancellationToken cancellationToken) =>
        cancellationToken.UnsafeRegister(static socket => ((Socket)socket!).Dispose(), _socket);

    private int Guard(Func<int> io, string when, CancellationToken cancellationToken)
    {
        try
        {
            return io();
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            throw Lost(when, ex);
        }
    }

    private ControlConnectionException Lost(string when, Exception ex) =>
        new($"the connection to the daemon broke {when} of {_request}: {ex.Message}", ex);
}
