using Microsoft.AspNetCore.Http;
using Orchestrator.Router.Connections;
using Yarp.ReverseProxy.Forwarder;

namespace Orchestrator.Router.Errors;

/// <summary>
/// Counts YARP's forwarding errors per deployment and, when nothing was sent yet, gives the
/// client a short body with the status YARP chose (502 when the destination refused).
/// </summary>
internal sealed class ProxyErrorMiddleware(RequestDelegate next, ConnectionTracker tracker)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context).ConfigureAwait(false);

        // A client that went away (or a connection the router aborted) is not the deployment's fault.
        if (context.GetForwarderErrorFeature() is not { } error || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        var deploymentId = context.GetReverseProxyFeature().Cluster.Config.ClusterId;
        tracker.For(deploymentId).RecordProxyError();
        if (!context.Response.HasStarted && context.Response.StatusCode >= 500)
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
