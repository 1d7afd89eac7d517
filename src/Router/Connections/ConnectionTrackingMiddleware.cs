using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Orchestrator.Router.Connections;

/// <summary>
/// Counts each proxied request against the deployment it finally goes to (after affinity), as HTTP,
/// WebSocket (an upgrade) or streaming (a <c>text/event-stream</c> response), until it ends.
/// </summary>
internal sealed class ConnectionTrackingMiddleware(RequestDelegate next, ConnectionTracker tracker)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var connections = tracker.For(context.GetReverseProxyFeature().Cluster.Config.ClusterId);
        var kind = IsWebSocket(context) ? ConnectionKind.WebSocket : ConnectionKind.Http;
        connections.Open(context, kind);
        if (kind == ConnectionKind.Http)
        {
            context.Response.OnStarting(ReclassifyStreams, (context, connections));
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            connections.Close(context);
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
