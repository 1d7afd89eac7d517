using Microsoft.AspNetCore.Http;
using Orchestrator.Router.Affinity;
using Orchestrator.Router.Canary;
using Orchestrator.Router.Connections;
using Orchestrator.Router.Errors;
using Orchestrator.Router.Routing;
using Orchestrator.Router.Timeouts;
using Yarp.ReverseProxy.Forwarder;

namespace Orchestrator.Router.Forwarding;

/// <summary>
/// A listener's one request handler, with no routing or middleware in front: it reads the listener's snapshot once,
/// matches the Host, applies affinity, else the canary's rule, takes the deployment's next destination, counts the connection, and hands the
/// request to YARP's <see cref="IHttpForwarder"/> under the route's request timeout. A destination YARP could not reach
/// is marked down, and a request <see cref="ForwardRetry"/> allows goes once more to another destination.
/// </summary>
internal sealed class ForwardingHandler(
    ListenerRoutes routes,
    ConnectionTracker tracker,
    IHttpForwarder forwarder,
    HttpMessageInvoker client,
    HttpTransformer transformer)
{
    private static readonly ForwarderRequestConfig RequestConfig = new() { ActivityTimeout = RouterDefaults.UpstreamActivityTimeout };

    public Task InvokeAsync(HttpContext context)
    {
        if (routes.Current.Match(context.Request.Host) is not { } route)
        {
            return NoRoute.NoAppAsync(context);
        }

        if (route.Active is not { } active)
        {
            return NoRoute.NoActiveDeploymentAsync(context, route.App);
        }

        var target = AffinityChoice.Named(route, context.Request) ?? CanaryChoice.For(route, active, context);
        var connections = tracker.For(target.DeploymentId);
        return target.NextDestination() is { } destination
            ? ForwardAsync(context, target, destination, connections, route.RequestTimeout)
            : ProxyErrors.NoDestinationAsync(context, target.DeploymentId, connections);
    }

    private async Task ForwardAsync(HttpContext context, DeploymentTarget target, string destination, DeploymentConnections connections, TimeSpan requestTimeout)
    {
        using var timeout = new RequestTimeout(requestTimeout);
        var tracked = TrackedConnection.Open(context, connections);
        context.Features.Set(timeout);
        try
        {
            var error = await SendAsync(context, target, destination, timeout).ConfigureAwait(false);
            if (ForwardRetry.Allows(context, error) && target.RetryDestination(destination) is { } other)
            {
                ForwardRetry.Reset(context);
                error = await SendAsync(context, target, other, timeout).ConfigureAwait(false);
            }

            await ProxyErrors.AnswerAsync(context, error, target.DeploymentId, connections, timeout).ConfigureAwait(false);
        }
        finally
        {
            context.Features.Set<RequestTimeout>(null);
            tracked.Close();
        }
    }

    private async ValueTask<ForwarderError> SendAsync(HttpContext context, DeploymentTarget target, string destination, RequestTimeout timeout)
    {
        var error = await forwarder.SendAsync(context, destination, client, RequestConfig, transformer, timeout.Token).ConfigureAwait(false);
        if (error == ForwarderError.Request)
        {
            target.MarkDown(destination, "a forward could not reach it");
        }

        return error;
    }
}
