using System.Globalization;
using System.Net.Sockets;
using Orchestrator.Routing.Feed;

namespace Orchestrator.Router.Feed;

/// <summary>
/// A daemon's feed over TCP (<c>orch router --feed HOST:PORT</c>): connects (the host may be a name, e.g. Railway's
/// <c>shop-control.railway.internal</c>, resolved to IPv6 or IPv4), says hello with the daemon's bearer token and
/// reads its answer (<see cref="FeedHandshake"/>).
/// </summary>
internal sealed class TcpFeedSource(string host, int port, string token) : IFeedSource
{
    /// <summary>
    /// How long sent data may stay unacknowledged before Linux gives up on the connection. The router reports every
    /// 200 ms, so a daemon whose host vanished without closing anything is noticed this fast, not after TCP's
    /// retransmissions (about 15 minutes), and the router connects again.
    /// </summary>
    private static readonly TimeSpan UnacknowledgedLimit = TimeSpan.FromSeconds(10);

    private const int IpProtoTcp = 6;
    private const int TcpUserTimeout = 18;

    public string Address => host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";

    /// <summary>Reads <c>HOST:PORT</c>, the host a name, an IPv4 address or a bracketed IPv6 one.</summary>
    public static bool TryParse(string text, out string host, out int port)
    {
        host = "";
        port = 0;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
        {
            return false;
        }

        host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        return host.Length > 0 && (!host.Contains(':', StringComparison.Ordinal) || System.Net.IPAddress.TryParse(host, out _));
    }

    public async Task<FeedConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        // Dual mode: one socket reaches an IPv4 address as well as an IPv6 one, whatever the name resolves to.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        FeedConnection? connection = null;
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken);
            if (OperatingSystem.IsLinux())
            {
                socket.SetRawSocketOption(IpProtoTcp, TcpUserTimeout, BitConverter.GetBytes((int)UnacknowledgedLimit.TotalMilliseconds));
            }

            connection = new FeedConnection(new NetworkStream(socket, ownsSocket: true));
            await connection.WriteAsync(new FeedHello(token), FeedJsonContext.Default.FeedHello, cancellationToken);
            var answer = await connection.ReadAsync(FeedJsonContext.Default.FeedAnswer, cancellationToken)
                .WaitAsync(FeedHandshake.HelloTimeout, cancellationToken);
            if (answer is null)
            {
                throw new IOException("the daemon closed the connection before it answered the hello");
            }

            if (!answer.Accepted)
            {
                throw new FeedRefusedException(answer.Error ?? "the daemon refused this router without a reason");
            }

            return connection;
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
            else
            {
                socket.Dispose();
            }

            throw;
        }
    }
}
