using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;

namespace Orchestrator.Router.Forwarding;

/// <summary>
/// When a forward may go once more, to another destination of the same deployment: YARP could not reach the
/// destination (<see cref="ForwarderError.Request"/>: refused, reset, closed before the response headers), nothing was
/// sent to the client, and the request is idempotent with no body, so nothing of the client's request was consumed and
/// sending it again is what HTTP allows any client to do (RFC 9110 9.2.2). A request with a body is never replayed:
/// YARP streams it from the client once.
/// </summary>
internal static class ForwardRetry
{
    public static bool Allows(HttpContext context, ForwarderError error) =>
        error == ForwarderError.Request
        && !context.Response.HasStarted
        && !context.RequestAborted.IsCancellationRequested
        && IsIdempotent(context.Request.Method)
        && !HasBody(context);

    /// <summary>
    /// Undoes what the failed forward left on the context: YARP's error feature, and the 502 it set, since
    /// <see cref="IHttpForwarder.SendAsync(HttpContext, string, HttpMessageInvoker, ForwarderRequestConfig, HttpTransformer, CancellationToken)"/>
    /// refuses a response whose status is not 200.
    /// </summary>
    public static void Reset(HttpContext context)
    {
        context.Features.Set<IForwarderErrorFeature>(null);
        context.Response.Clear();
    }

    private static bool IsIdempotent(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsDelete(method);

    private static bool HasBody(HttpContext context) =>
        context.Request.ContentLength > 0
        || context.Request.Headers.TransferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase)
        || context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true;
}
