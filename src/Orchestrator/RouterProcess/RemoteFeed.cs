using System.Net;
using Orchestrator.Config;

namespace Orchestrator.RouterProcess;

/// <summary>
/// <c>--feed-listen</c>: the router feed on a TCP address as well as the state directory's socket, for routers on other
/// hosts (Railway's <c>&lt;app&gt;-router</c>, edge routers). Every connection there must present <see cref="Token"/>,
/// the same bearer token as <c>--control-listen</c>.
/// </summary>
internal sealed record RemoteFeed(IPEndPoint Endpoint, BearerToken Token)
{
    /// <exception cref="ArgumentException">No token, a short one, or a token file others may read; the message says which.</exception>
    public static RemoteFeed Create(IPEndPoint endpoint, string? tokenFile, string? tokenFromEnvironment) =>
        new(endpoint, BearerToken.Read("--feed-listen", tokenFile, tokenFromEnvironment));
}
