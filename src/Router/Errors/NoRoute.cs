using Microsoft.AspNetCore.Http;

namespace Orchestrator.Router.Errors;

/// <summary>The router's answers when a request has nowhere to go.</summary>
internal static class NoRoute
{
    /// <summary>404: no app on this listener matches the request's host.</summary>
    public static Task NoAppAsync(HttpContext context) =>
        PlainText.WriteAsync(
            context,
            StatusCodes.Status404NotFound,
            $"no app is routed for host '{context.Request.Host}' on this listener");

    /// <summary>503: the app has no active deployment.</summary>
    public static Task NoActiveDeploymentAsync(HttpContext context, string app) =>
        PlainText.WriteAsync(
            context,
            StatusCodes.Status503ServiceUnavailable,
            $"no active deployment for app '{app}' — deploy one with `orch deploy`");
}
