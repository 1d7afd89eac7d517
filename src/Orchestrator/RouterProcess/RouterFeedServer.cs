using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Orchestrator.Routing.Feed;
using Orchestrator.State;

namespace Orchestrator.RouterProcess;

/// <summary>
/// Listens for routers and hands every one that connects to the feed actor: on the state directory's
/// <c>router-feed.sock</c> (mode 0600, in the 0700 state directory: only its owner reaches it), or on a TCP address
/// (<c>--feed-listen</c>) where each connection must first pass the <see cref="FeedTokenGate"/>. The daemon holds the
/// state directory's lock, so a socket file left by a daemon that died is its to replace.
/// </summary>
internal sealed class RouterFeedServer : IAsyncDisposable
{
    private const int Backlog = 16;

    private readonly Socket _listener;
    private readonly FeedTokenGate? _gate;
    private readonly string? _socketPath;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;

    private RouterFeedServer(Socket listener, FeedTokenGate? gate, string? socketPath, IActorRef feed)
    {
        _listener = listener;
        _gate = gate;
        _socketPath = socketPath;
        _accepting = AcceptAsync(feed, _stopping.Token);
    }

    /// <summary>The address routers reach it at: the socket's path, or the TCP address actually bound.</summary>
    public string Address => _socketPath ?? _listener.LocalEndPoint?.ToString() ?? "?";

    /// <summary>The feed on the state directory's unix socket.</summary>
    public static RouterFeedServer Start(string stateDirectory, IActorRef feed)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException(StateDirectory.UnixOnly);
        }

        var path = RouterFeed.SocketPath(stateDirectory);
        File.Delete(path);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));
            File.SetUnixFileMode(path, StateDirectory.FileMode);
            listener.Listen(Backlog);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        return new RouterFeedServer(listener, null, path, feed);
    }

    /// <summary>The same feed on a TCP address, for routers on other hosts; each must pass <paramref name="gate"/>.</summary>
    /// <exception cref="SocketException">The address cannot be bound.</exception>
    public static RouterFeedServer StartTcp(IPEndPoint endpoint, FeedTokenGate gate, IActorRef feed)
    {
        var listener = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endpoint.AddressFamily == AddressFamily.InterNetworkV6 && endpoint.Address.Equals(IPAddress.IPv6Any))
            {
                // [::] takes IPv4 too, as on Railway, whose private network may reach the daemon either way.
                listener.DualMode = true;
            }

            // A daemon restarted right after a crash binds again while the old connections linger in TIME_WAIT.
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(endpoint);
            listener.Listen(Backlog);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        return new RouterFeedServer(listener, gate, null, feed);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Dispose();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        _stopping.Dispose();
        if (_socketPath is not null)
        {
            File.Delete(_socketPath);
        }
    }

    private async Task AcceptAsync(IActorRef feed, CancellationToken cancellationToken)
    {
        var next = 0;
        var peers = new List<Task>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var socket = await _listener.AcceptAsync(cancellationToken);
                peers.Add(ServeAsync(socket, ++next, feed, cancellationToken));
                peers.RemoveAll(t => t.IsCompleted);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping.
        }

        await Task.WhenAll(peers).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task ServeAsync(Socket socket, int id, IActorRef feed, CancellationToken cancellationToken)
    {
        var connection = new FeedConnection(new NetworkStream(socket, ownsSocket: true));
        if (_gate is null)
        {
            await new RouterFeedPeer(connection, $"router connection {id}", silenceLimit: null).RunAsync(feed, cancellationToken);
            return;
        }

        var remote = socket.RemoteEndPoint?.ToString() ?? "?";
        bool admitted;
        try
        {
            admitted = await _gate.AdmitAsync(connection, remote, cancellationToken);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            admitted = false;
        }

        if (!admitted)
        {
            await connection.DisposeAsync();
            return;
        }

        await new RouterFeedPeer(connection, $"router connection {id} from {remote}", FeedHandshake.SilenceLimit).RunAsync(feed, cancellationToken);
    }
}
