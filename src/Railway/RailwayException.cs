namespace Orchestrator.Railway;

/// <summary>A Railway API call that failed; carries the operation and, when Railway gave one, its trace id.</summary>
internal class RailwayException(string operationName, string message, string? traceId = null, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The GraphQL operation name, e.g. <c>ServiceCreate</c>.</summary>
    public string OperationName { get; } = operationName;

    /// <summary>Railway's trace id for the failed call, to quote to Railway's support.</summary>
    public string? TraceId { get; } = traceId;
}
