using System.Threading.Channels;
using Akka.Actor;
using Orchestrator.Routing;
using Orchestrator.Routing.Feed;

namespace Orchestrator.RouterProcess;

/// <summary>
/// The daemon's end of one router's feed connection: tables go out in the order the feed actor sends them, reports
/// come in and are told to it. Ends when either side closes, the router sends a line that is no report, or (over TCP,
/// where a dead host closes nothing) it stays silent longer than its <c>silenceLimit</c>.
/// </summary>
internal sealed class RouterFeedPeer(FeedConnection connection, string name, TimeSpan? silenceLimit)
{
    private readonly Channel<RouteTable> _outbox = Channel.CreateUnbounded<RouteTable>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues a table for the router; never blocks the actor that sends it.</summary>
    public void Send(RouteTable table) => _outbox.Writer.TryWrite(table);

    public async Task RunAsync(IActorRef feed, CancellationToken cancellationToken)
    {
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        feed.Tell(new RouterConnected(this));
        var writing = WriteAsync(ending.Token);
        try
        {
            while (await ReadReportAsync(ending.Token) is { } report)
            {
                feed.Tell(new RouterReported(this, report));
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or OperationCanceledException or ObjectDisposedException or TimeoutException)
        {
            // The router went away or misbehaved: either way this connection is over.
        }
        finally
        {
            _outbox.Writer.TryComplete();
            await ending.CancelAsync();
            await writing.ContinueWith(_ => { }, TaskScheduler.Default);
            await connection.DisposeAsync();
            feed.Tell(new RouterDisconnected(this));
        }
    }

    private Task<RouterReport?> ReadReportAsync(CancellationToken cancellationToken)
    {
        var reading = connection.ReadAsync(FeedJsonContext.Default.RouterReport, cancellationToken);
        return silenceLimit is { } limit ? reading.WaitAsync(limit, cancellationToken) : reading;
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        await foreach (var table in _outbox.Reader.ReadAllAsync(cancellationToken))
        {
            await connection.WriteAsync(table, FeedJsonContext.Default.RouteTable, cancellationToken);
        }
    }

    public override string ToString() => name;
}
