using Microsoft.AspNetCore.Http;
using Orchestrator.Router.Configuration;
using Yarp.ReverseProxy.Model;

namespace Orchestrator.Router.Errors;

/// <summary>
/// Answers before YARP when it cannot: 404 when no app on this listener matches the request's host,
/// 503 when the app has no active deployment (YARP itself would answer 503 with an empty body).
/// </summary>
internal sealed class NoRouteMiddleware(RequestDelegate next, ListenerState state)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is not { } route)
        {
            return PlainText.WriteAsync(
                context,
                StatusCodes.Status404NotFound,
                $"no app is routed for host '{context.Request.Host}' on this listener");
        }

        if (route.Cluster is null || state.Applied.Tables.GetValueOrDefault(route.Config.RouteId)?.Active is null)
        {
            return PlainText.WriteAsync(
                context,
                StatusCodes.Status503ServiceUnavailable,
                $"no active deployment for app '{route.Config.RouteId}' — deploy one with `orch deploy`");
        }

        return next(context);
    }
}
