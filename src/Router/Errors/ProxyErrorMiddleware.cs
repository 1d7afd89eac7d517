using Microsoft.AspNetCore.Http;
using Orchestrator.Config;
using Orchestrator.Router.Connections;
using Orchestrator.Router.Timeouts;
using Yarp.ReverseProxy.Forwarder;

namespace Orchestrator.Router.Errors;

/// <summary>
/// Counts YARP's forwarding errors per deployment and, when nothing was sent yet, gives the
/// client a short body with the status YARP chose (502 when the destination refused), or 504 when the route's
/// request timeout ran out before the app answered.
/// </summary>
internal sealed class ProxyErrorMiddleware(RequestDelegate next, ConnectionTracker tracker)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context).ConfigureAwait(false);

        // A client that went away (or a connection the router aborted) is not the deployment's fault; the request
        // timeout cancels the request's token too, but that one is.
        var timedOut = RequestTimeouts.TimedOut(context);
        if (context.GetForwarderErrorFeature() is not { } error || (context.RequestAborted.IsCancellationRequested && !timedOut))
        {
            return;
        }

        var deploymentId = context.GetReverseProxyFeature().Cluster.Config.ClusterId;
        tracker.For(deploymentId).RecordProxyError();
        if (context.Response.HasStarted)
        {
            return;
        }

        if (timedOut)
        {
            var within = RequestTimeouts.Of(context) is { } timeout ? $" within {Duration.Format(timeout)} (request_timeout)" : " in time";
            await PlainText.WriteAsync(context, StatusCodes.Status504GatewayTimeout, $"deployment '{deploymentId}' did not answer{within}", CancellationToken.None)
                .ConfigureAwait(false);
        }
        else if (context.Response.StatusCode >= 500)
        {
            await PlainText.WriteAsync(context, context.Response.StatusCode, Message(error.Error, deploymentId)).ConfigureAwait(false);
        }
    }

    private static string Message(ForwarderError error, string deploymentId) => error switch
    {
        ForwarderError.NoAvailableDestinations => $"deployment '{deploymentId}' has no available destination",
        ForwarderError.RequestTimedOut => $"deployment '{deploymentId}' did not answer in time",
        _ => $"deployment '{deploymentId}' could not be reached ({error})",
    };
}
