using System.Net;

namespace Orchestrator.Railway.Http;

/// <summary>Railway answered with an HTTP status that is not a GraphQL response, after the retries it deserved.</summary>
internal sealed class RailwayHttpException(string operationName, HttpStatusCode status, int attempts, string detail, string? traceId = null)
    : RailwayException(
        operationName,
        $"Railway answered {operationName} with HTTP {(int)status} ({status}) after {attempts} attempt{(attempts == 1 ? "" : "s")}: {detail}",
        traceId)
{
    public HttpStatusCode Status { get; } = status;

    public int Attempts { get; } = attempts;
}
