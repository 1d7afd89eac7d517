using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Control;

/// <summary>
/// Lets a request that came over TCP through only with the daemon's bearer token; one that came over the unix
/// socket (no IP address) passes, as its file mode already chose who may connect. A refusal is logged with the
/// peer's address and never with what it sent.
/// </summary>
internal sealed class BearerTokenGate(RemoteControl remote, ILogger logger)
{
    private const string Scheme = "Bearer ";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Connection.LocalIpAddress is null)
        {
            await next(context);
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        var presented = header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : null;
        if (remote.Accepts(presented))
        {
            await next(context);
            return;
        }

        var reason = header.Length == 0 ? "no Authorization header" : presented is null ? "not a bearer token" : "a wrong token";
        ControlLog.RemoteRequestRefused(logger, context.Connection.RemoteIpAddress?.ToString() ?? "?", context.Request.Method, context.Request.Path, reason);
        context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        await ControlRoutes.WriteErrorAsync(
            context,
            StatusCodes.Status401Unauthorized,
            new ControlError(
                $"the control API at {remote} needs the daemon's bearer token ({reason} came with the request)",
                $"set {Client.ControlEndpoint.TokenEnvironmentVariable} to the token the daemon was started with"),
            context.RequestAborted);
    }
}
