using Microsoft.AspNetCore.Http;

namespace Orchestrator.Router.Errors;

/// <summary>The router's own short plain-text answers.</summary>
internal static class PlainText
{
    public static Task WriteAsync(HttpContext context, int status, string message) =>
        WriteAsync(context, status, message, context.RequestAborted);

    /// <param name="cancellation">Not the request's token when that one is already cancelled (a request timeout).</param>
    public static Task WriteAsync(HttpContext context, int status, string message, CancellationToken cancellation)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(message + "\n", cancellation);
    }
}
