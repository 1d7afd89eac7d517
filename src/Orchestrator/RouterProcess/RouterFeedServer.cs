using System.Net.Sockets;
using Akka.Actor;
using Orchestrator.Routing.Feed;
using Orchestrator.State;

namespace Orchestrator.RouterProcess;

/// <summary>
/// Listens on the state directory's <c>router-feed.sock</c> (mode 0600, in the 0700 state directory: only its owner
/// reaches it) and hands every router that connects to the feed actor. The daemon holds the state directory's lock, so
/// a socket file left by a daemon that died is its to replace.
/// </summary>
internal sealed class RouterFeedServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;
    private readonly string _path;

    private RouterFeedServer(Socket listener, string path, IActorRef feed)
    {
        _listener = listener;
        _path = path;
        _accepting = AcceptAsync(feed, _stopping.Token);
    }

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
            listener.Listen(16);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        return new RouterFeedServer(listener, path, feed);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Dispose();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        _stopping.Dispose();
        File.Delete(_path);
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
                var peer = new RouterFeedPeer(new FeedConnection(new NetworkStream(socket, ownsSocket: true)), ++next);
                peers.Add(peer.RunAsync(feed, cancellationToken));
                peers.RemoveAll(t => t.IsCompleted);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping.
        }

        await Task.WhenAll(peers).ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
