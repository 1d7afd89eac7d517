using System.Net.Sockets;
using System.Text;

namespace Orchestrator.Control.Tests.Client;

/// <summary>
/// A real unix-socket server that answers one connection with exactly the bytes it is given, then closes it (or,
/// with <c>holdOpen</c>, keeps it open until disposed), and records the request it received.
/// </summary>
internal sealed class ScriptedHttpServer : IDisposable
{
    private readonly TempSocket _socket = new();
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly TaskCompletionSource<string> _request = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public ScriptedHttpServer(bool holdOpen, params string[] segments)
    {
        _listener.Bind(new UnixDomainSocketEndPoint(_socket.SocketPath));
        _listener.Listen();
        _serving = ServeAsync(holdOpen, segments);
    }

    public string SocketPath => _socket.SocketPath;

    /// <summary>The request's head and body as received.</summary>
    public Task<string> Request => Eventually.Within(_request.Task);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        _serving.Wait(Eventually.Timeout);
        _stop.Dispose();
        _socket.Dispose();
    }

    private async Task ServeAsync(bool holdOpen, string[] segments)
    {
        try
        {
            using var connection = await _listener.AcceptAsync(_stop.Token);
            _request.TrySetResult(await ReadRequestAsync(connection));
            foreach (var segment in segments)
            {
                await connection.SendAsync(Encoding.UTF8.GetBytes(segment), SocketFlags.None, _stop.Token);
            }

            if (holdOpen)
            {
                await Task.Delay(Timeout.Infinite, _stop.Token);
            }

            connection.Shutdown(SocketShutdown.Both);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            _request.TrySetException(ex);
        }
    }

    private async Task<string> ReadRequestAsync(Socket connection)
    {
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (true)
        {
            var text = received.ToString();
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                var length = text.Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) is { } header
                    ? int.Parse(header["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)
                    : 0;
                if (text.Length >= end + 4 + length)
                {
                    return text;
                }
            }

            var read = await connection.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            if (read == 0)
            {
                return received.ToString();
            }

            received.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
    }
}
