using Orchestrator.Router.Connections;
using Orchestrator.Router.Timeouts;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Orchestrator.Router.Forwarding;

/// <summary>
/// What YARP does to a request of a route that names no transforms (X-Forwarded-For/Proto/Host/Prefix set, the
/// destination's Host rather than the client's), plus one response transform that runs when the app's response headers
/// arrive, before any of its body is copied: it lifts the request timeout and tells connection tracking what the
/// response is (see <see cref="TrackedConnection.OnResponseHeaders"/>).
/// </summary>
internal static class ForwardingTransforms
{
    public static HttpTransformer Create(ITransformBuilder builder) =>
        builder.Create(context => context.AddResponseTransform(OnResponseHeaders));

    private static ValueTask OnResponseHeaders(ResponseTransformContext transform)
    {
        // YARP calls this after a failed forward too, with no response: the request timeout then stays on for a retry.
        if (transform.ProxyResponse is null)
        {
            return ValueTask.CompletedTask;
        }

        transform.HttpContext.Features.Get<RequestTimeout>()?.Lift();
        TrackedConnection.OnResponseHeaders(transform.HttpContext, transform.ProxyResponse);
        return ValueTask.CompletedTask;
    }
}
