using System.Net;

namespace Orchestrator.Railway.Http;

/// <summary>
/// An HTML page instead of GraphQL JSON: usually Railway's edge (Cloudflare) refusing the client, e.g. "Access denied".
/// </summary>
internal sealed class RailwayHtmlResponseException(string operationName, HttpStatusCode status, string? title)
    : RailwayException(
        operationName,
        $"Railway answered {operationName} with an HTML page instead of GraphQL JSON (HTTP {(int)status}" +
        (title is null ? ")" : $", \"{title}\")") +
        ": its edge refused the request, often for too many calls from this address; wait before trying again.")
{
    public HttpStatusCode Status { get; } = status;

    /// <summary>The page's <c>&lt;title&gt;</c>, when it has one.</summary>
    public string? Title { get; } = title;
}
