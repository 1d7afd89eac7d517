using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Orchestrator.Router.Connections;

/// <summary>
/// Counts each proxied request against the deployment it finally goes to (after affinity), as HTTP,
/// WebSocket (an upgrade) or streaming (a <c>text/event-stream</c> response), until it ends. It runs before YARP
/// forwards, so it wraps the request in a <see cref="DrainableConnection"/> the drain deadline ends (and, once the app's
/// response headers show a body of unknown length, what YARP writes to the client; see <see cref="OnResponseHeaders"/>).
/// </summary>
internal sealed class ConnectionTrackingMiddleware(RequestDelegate next, ConnectionTracker tracker)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var connections = tracker.For(context.GetReverseProxyFeature().Cluster.Config.ClusterId);
        var kind = IsWebSocket(context) ? ConnectionKind.WebSocket : ConnectionKind.Http;
        var lifetime = context.Features.GetRequiredFeature<IHttpRequestLifetimeFeature>();
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        var extendedConnect = context.Features.Get<IHttpExtendedConnectFeature>();
        var bodyFeature = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        using var drainable = new DrainableConnection(lifetime) { Connections = connections };
        context.Features.Set<IHttpRequestLifetimeFeature>(drainable);
        context.Features.Set(drainable);
        if (kind == ConnectionKind.WebSocket)
        {
            WrapUpgrades(context, drainable, upgrade, extendedConnect);
        }

        connections.Open(context, kind);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            connections.Close(context);
            context.Features.Set(bodyFeature);
            context.Features.Set(upgrade);
            context.Features.Set(extendedConnect);
            context.Features.Set<DrainableConnection>(null);
            context.Features.Set(lifetime);
        }
    }

    private static void WrapUpgrades(HttpContext context, DrainableConnection drainable, IHttpUpgradeFeature? upgrade, IHttpExtendedConnectFeature? extendedConnect)
    {
        if (upgrade is not null)
        {
            context.Features.Set<IHttpUpgradeFeature>(new DrainableUpgradeFeature(upgrade, drainable));
        }

        if (extendedConnect is not null)
        {
            context.Features.Set<IHttpExtendedConnectFeature>(new DrainableExtendedConnectFeature(extendedConnect, drainable));
        }
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
}
