using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Orchestrator.Router.Connections;

/// <summary>
/// Counts each proxied request against the deployment it finally goes to (after affinity), as HTTP,
/// WebSocket (an upgrade) or streaming (a <c>text/event-stream</c> response), until it ends. It runs before YARP
/// forwards, so it wraps what YARP writes to the client in a <see cref="DrainableConnection"/> the drain deadline ends.
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
        using var drainable = new DrainableConnection(lifetime);
        context.Features.Set<IHttpRequestLifetimeFeature>(drainable);
        context.Features.Set(drainable);
        if (kind == ConnectionKind.WebSocket)
        {
            WrapUpgrades(context, drainable, upgrade, extendedConnect);
        }
        else
        {
            var body = new DrainingResponseBody(bodyFeature.Stream, bodyFeature);
            drainable.Streams(body);
            context.Response.Body = body;
            context.Response.OnStarting(ReclassifyStreams, (context, connections));
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

    private static Task ReclassifyStreams(object state)
    {
        var (context, connections) = ((HttpContext, DeploymentConnections))state;
        // A prefix test, not a header parse: it runs on every response ("text/event-stream; charset=utf-8" included).
        if (context.Response.ContentType is { } contentType
            && contentType.AsSpan().TrimStart().StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            connections.Reclassify(context, ConnectionKind.Streaming);
        }

        return Task.CompletedTask;
    }

    private static bool IsWebSocket(HttpContext context) =>
        context.Features.Get<IHttpExtendedConnectFeature>()?.IsExtendedConnect == true
        || (context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest == true
            && context.Request.Headers.Upgrade.ToString().Contains("websocket", StringComparison.OrdinalIgnoreCase));
}
