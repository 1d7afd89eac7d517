using Microsoft.AspNetCore.Http;
using Orchestrator.Config;
using Orchestrator.Router.Connections;
using Orchestrator.Router.Timeouts;
using Yarp.ReverseProxy.Forwarder;

namespace Orchestrator.Router.Errors;

/// <summary>
/// Counts YARP's forwarding errors per deployment and, when nothing was sent yet, gives the client a short body with
/// the status YARP chose (502 when the destination refused), or 504 when the route's request timeout ran out before
/// the app answered.
/// </summary>
internal static class ProxyErrors
{
    public static Task AnswerAsync(HttpContext context, ForwarderError error, string deploymentId, DeploymentConnections connections, RequestTimeout timeout)
    {
        // A client that went away (or a connection the router aborted) is not the deployment's fault; a timeout is.
        var timedOut = timeout.TimedOut;
        if (error == ForwarderError.None || (context.RequestAborted.IsCancellationRequested && !timedOut))
        {
            return Task.CompletedTask;
        }

        connections.RecordProxyError();
        if (context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        if (timedOut)
        {
            // YARP reports the cancellation it was handed as a 502 RequestCanceled: the 504 is the router's.
            return PlainText.WriteAsync(
                context,
                StatusCodes.Status504GatewayTimeout,
                $"deployment '{deploymentId}' did not answer within {Duration.Format(timeout.Duration)} (request_timeout)");
        }

        return context.Response.StatusCode >= StatusCodes.Status500InternalServerError
            ? PlainText.WriteAsync(context, context.Response.StatusCode, Message(error, deploymentId))
            : Task.CompletedTask;
    }

    /// <summary>503 for a deployment that lists no destination (YARP's <see cref="ForwarderError.NoAvailableDestinations"/>).</summary>
    public static Task NoDestinationAsync(HttpContext context, string deploymentId, DeploymentConnections connections)
    {
        connections.RecordProxyError();
        return PlainText.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, Message(ForwarderError.NoAvailableDestinations, deploymentId));
    }

    private static string Message(ForwarderError error, string deploymentId) => error switch
    {
        ForwarderError.NoAvailableDestinations => $"deployment '{deploymentId}' has no available destination",
        ForwarderError.RequestTimedOut => $"deployment '{deploymentId}' did not answer in time",
        _ => $"deployment '{deploymentId}' could not be reached ({error})",
    };
}
