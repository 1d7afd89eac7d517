using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Router.Connections;
using Yarp.ReverseProxy.Transforms;

namespace Orchestrator.Router.Timeouts;

/// <summary>
/// The route's request timeout (ASP.NET Core's request timeouts middleware, set per route through YARP's
/// <c>RouteConfig.Timeout</c>) covers the wait for the app's response headers only: once they arrive the timeout
/// is lifted, so an SSE stream that stays quiet or a long download runs on (YARP lifts it itself for a WebSocket
/// upgrade). A dead or stopped upstream still ends in a 504 instead of hanging until the hour-long activity timeout.
/// </summary>
internal static class RequestTimeouts
{
    /// <summary>
    /// Lifts the timeout when the upstream's response headers arrive, before any of its body is copied; the same
    /// transform tells connection tracking what the response is (see <see cref="ConnectionTrackingMiddleware.OnResponseHeaders"/>).
    /// </summary>
    public static IReverseProxyBuilder AddRequestTimeoutRelease(this IReverseProxyBuilder builder) =>
        builder.AddTransforms(context => context.AddResponseTransform(transform =>
        {
            transform.HttpContext.Features.Get<IHttpRequestTimeoutFeature>()?.DisableTimeout();
            ConnectionTrackingMiddleware.OnResponseHeaders(transform.HttpContext, transform.ProxyResponse);
            return ValueTask.CompletedTask;
        }));

    /// <summary>
    /// True when this request's timeout fired. YARP 2.3 reports it as a cancelled request with a 400
    /// (dotnet/yarp#2662: the middleware cancels <see cref="HttpContext.RequestAborted"/>, which YARP takes for a client
    /// that left), so the error middleware asks here and answers 504 itself.
    /// </summary>
    public static bool TimedOut(HttpContext context) =>
        context.Features.Get<IHttpRequestTimeoutFeature>()?.RequestTimeoutToken.IsCancellationRequested == true;

    /// <summary>The timeout of the request's route, for the error message.</summary>
    public static TimeSpan? Of(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<RequestTimeoutAttribute>()?.Timeout;
}
