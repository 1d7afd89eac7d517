using Microsoft.AspNetCore.Http;
using Orchestrator.Routing;

namespace Orchestrator.Router.Connections;

/// <summary>
/// The open connections to one deployment: their counts and the contexts to close at the drain deadline. One
/// uncontended lock per change: a <see cref="Dictionary{TKey,TValue}"/> reuses its entries, where a concurrent one
/// allocates a node per request.
/// </summary>
internal sealed class DeploymentConnections
{
    private readonly Lock _gate = new();
    private readonly Dictionary<HttpContext, ConnectionKind> _open = new(ReferenceEqualityComparer.Instance);
    private int _http;
    private int _webSocket;
    private int _streaming;
    private long _proxyErrors;
    private long _requests;

    public ConnectionCounts Counts =>
        new(Volatile.Read(ref _http), Volatile.Read(ref _webSocket), Volatile.Read(ref _streaming), Interlocked.Read(ref _requests));

    public long ProxyErrors => Interlocked.Read(ref _proxyErrors);

    public void Open(HttpContext context, ConnectionKind kind)
    {
        lock (_gate)
        {
            _open[context] = kind;
            Counter(kind)++;
            _requests++;
        }
    }

    /// <summary>A plain request turned out to be a stream (its response is <c>text/event-stream</c>).</summary>
    public void Reclassify(HttpContext context, ConnectionKind kind)
    {
        lock (_gate)
        {
            if (_open.TryGetValue(context, out var previous) && previous != kind)
            {
                _open[context] = kind;
                Counter(previous)--;
                Counter(kind)++;
            }
        }
    }

    public void Close(HttpContext context)
    {
        lock (_gate)
        {
            if (_open.Remove(context, out var kind))
            {
                Counter(kind)--;
            }
        }
    }

    public void RecordProxyError() => Interlocked.Increment(ref _proxyErrors);

    /// <summary>
    /// Ends every open connection: WebSockets get a 1012 close at a frame boundary, streamed responses complete,
    /// the rest is aborted. Returns at once with how many it is ending; each ends within about two graces.
    /// </summary>
    public int CloseAll(TimeSpan grace)
    {
        HttpContext[] open;
        lock (_gate)
        {
            open = [.. _open.Keys];
        }

        foreach (var context in open)
        {
            if (context.Features.Get<DrainableConnection>() is { } drainable)
            {
                _ = drainable.CloseAsync(context.Response, grace);
            }
            else
            {
                context.Abort();
            }
        }

        return open.Length;
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
