using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Orchestrator.Router.Connections;

/// <summary>
/// Counts one proxied request against the deployment it goes to (after affinity), as HTTP, WebSocket (an upgrade) or
/// streaming (a <c>text/event-stream</c> response), from <see cref="Open"/> before YARP forwards until
/// <see cref="Close"/>. Meanwhile the request runs as a <see cref="DrainableConnection"/> the drain deadline ends (and,
/// once the app's response headers show a body of unknown length, so does what YARP writes to the client; see
/// <see cref="OnResponseHeaders"/>). A struct: it lives in the forwarding method's state, not on the heap.
/// </summary>
internal readonly struct TrackedConnection
{
    private readonly HttpContext _context;
    private readonly DeploymentConnections _connections;
    private readonly DrainableConnection _drainable;
    private readonly IHttpRequestLifetimeFeature _lifetime;
    private readonly IHttpUpgradeFeature? _upgrade;
    private readonly IHttpExtendedConnectFeature? _extendedConnect;
    private readonly IHttpResponseBodyFeature _body;

    private TrackedConnection(HttpContext context, DeploymentConnections connections)
    {
        _context = context;
        _connections = connections;
        _lifetime = context.Features.GetRequiredFeature<IHttpRequestLifetimeFeature>();
        _upgrade = context.Features.Get<IHttpUpgradeFeature>();
        _extendedConnect = context.Features.Get<IHttpExtendedConnectFeature>();
        _body = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        _drainable = new DrainableConnection(_lifetime) { Connections = connections };
    }

    public static TrackedConnection Open(HttpContext context, DeploymentConnections connections)
    {
        var tracked = new TrackedConnection(context, connections);
        var kind = IsWebSocket(context) ? ConnectionKind.WebSocket : ConnectionKind.Http;
        context.Features.Set<IHttpRequestLifetimeFeature>(tracked._drainable);
        context.Features.Set(tracked._drainable);
        if (kind == ConnectionKind.WebSocket)
        {
            tracked.WrapUpgrades();
        }

        connections.Open(context, kind);
        return tracked;
    }

    public void Close()
    {
        _connections.Close(_context);
        _context.Features.Set(_body);
        _context.Features.Set(_upgrade);
        _context.Features.Set(_extendedConnect);
        _context.Features.Set<DrainableConnection>(null);
        _context.Features.Set(_lifetime);
        _drainable.Dispose();
    }

    /// <summary>
    /// When the app's response headers arrive (a YARP response transform, before any of the body is copied): a
    /// <c>text/event-stream</c> response counts as streaming, and a body of unknown length (chunked: a stream, a long
    /// download) is written through a <see cref="DrainingResponseBody"/> the drain deadline can complete cleanly. A body
    /// of known length goes to the client as it is: the deadline aborts it, as it would anyway.
    /// </summary>
    public static void OnResponseHeaders(HttpContext context, HttpResponseMessage? response)
    {
        if (response is null || context.Features.Get<DrainableConnection>() is not { Connections: { } connections } drainable
            || IsWebSocket(context))
        {
            return;
        }

        if (response.Content.Headers.ContentType?.MediaType is { } mediaType
            && mediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            connections.Reclassify(context, ConnectionKind.Streaming);
        }

        if (response.Content.Headers.ContentLength is null)
        {
            var bodyFeature = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
            var body = new DrainingResponseBody(bodyFeature.Stream, bodyFeature);
            drainable.Streams(body);
            context.Response.Body = body;
        }
    }

    private static bool IsWebSocket(HttpContext context) =>
        context.Features.Get<IHttpExtendedConnectFeature>()?.IsExtendedConnect == true
        || (context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest == true
            && context.Request.Headers.Upgrade.ToString().Contains("websocket", StringComparison.OrdinalIgnoreCase));

    private void WrapUpgrades()
    {
        if (_upgrade is not null)
        {
            _context.Features.Set<IHttpUpgradeFeature>(new DrainableUpgradeFeature(_upgrade, _drainable));
        }

        if (_extendedConnect is not null)
        {
            _context.Features.Set<IHttpExtendedConnectFeature>(new DrainableExtendedConnectFeature(_extendedConnect, _drainable));
        }
    }
}
