using Microsoft.AspNetCore.Http;

namespace Orchestrator.Router.Errors;

/// <summary>The router's own short plain-text answers.</summary>
internal static class PlainText
{
    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(message + "\n", context.RequestAborted);
    }
}
