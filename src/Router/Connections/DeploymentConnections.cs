using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Orchestrator.Actors.Routing;

namespace Orchestrator.Router.Connections;

/// <summary>The open connections to one deployment: lock-free counters and the contexts to close at the drain deadline.</summary>
internal sealed class DeploymentConnections
{
    private readonly ConcurrentDictionary<HttpContext, ConnectionKind> _open = new();
    private int _http;
    private int _webSocket;
    private int _streaming;
    private long _proxyErrors;

    public ConnectionCounts Counts =>
        new(Volatile.Read(ref _http), Volatile.Read(ref _webSocket), Volatile.Read(ref _streaming));

    public long ProxyErrors => Interlocked.Read(ref _proxyErrors);

    public void Open(HttpContext context, ConnectionKind kind)
    {
        _open[context] = kind;
        Interlocked.Increment(ref Counter(kind));
    }

    /// <summary>A plain request turned out to be a stream (its response is <c>text/event-stream</c>).</summary>
    public void Reclassify(HttpContext context, ConnectionKind kind)
    {
        if (_open.TryGetValue(context, out var previous) && previous != kind && _open.TryUpdate(context, kind, previous))
        {
            Interlocked.Decrement(ref Counter(previous));
            Interlocked.Increment(ref Counter(kind));
        }
    }

    public void Close(HttpContext context)
    {
        if (_open.TryRemove(context, out var kind))
        {
            Interlocked.Decrement(ref Counter(kind));
        }
    }

    public void RecordProxyError() => Interlocked.Increment(ref _proxyErrors);

    /// <summary>
    /// Ends every open connection: WebSockets get a 1012 close at a frame boundary, streamed responses complete,
    /// the rest is aborted. Returns at once with how many it is ending; each ends within about two graces.
    /// </summary>
    public int CloseAll(TimeSpan grace)
    {
        var closing = 0;
        foreach (var context in _open.Keys)
        {
            if (context.Features.Get<DrainableConnection>() is { } drainable)
            {
                _ = drainable.CloseAsync(context.Response, grace);
            }
            else
            {
                context.Abort();
            }

            closing++;
        }

        return closing;
    }

    private ref int Counter(ConnectionKind kind)
    {
        switch (kind)
        {
            case ConnectionKind.WebSocket:
                return ref _webSocket;
            case ConnectionKind.Streaming:
                return ref _streaming;
            default:
                return ref _http;
        }
    }
}
