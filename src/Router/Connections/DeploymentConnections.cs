using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Orchestrator.Actors.Routing;

namespace Orchestrator.Router.Connections;

/// <summary>The open connections to one deployment: lock-free counters and the contexts to abort.</summary>
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

    /// <summary>Aborts every open connection (HTTP, WebSocket, stream) at once.</summary>
    public int AbortAll()
    {
        var aborted = 0;
        foreach (var context in _open.Keys)
        {
            context.Abort();
            aborted++;
        }

        return aborted;
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
