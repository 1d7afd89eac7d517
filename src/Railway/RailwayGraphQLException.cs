namespace Orchestrator.Railway;

/// <summary>Railway answered with GraphQL <c>errors</c> (a validation failure or a refused operation).</summary>
internal sealed class RailwayGraphQLException(string operationName, IReadOnlyList<RailwayGraphQLError> errors, string? traceId)
    : RailwayException(operationName, Describe(operationName, errors, traceId), traceId)
{
    public IReadOnlyList<RailwayGraphQLError> Errors { get; } = errors;

    private static string Describe(string operationName, IReadOnlyList<RailwayGraphQLError> errors, string? traceId)
    {
        var messages = string.Join("; ", errors.Select(error => error.Message));
        var trace = traceId is null ? "" : $" (traceId {traceId})";
        return $"Railway rejected {operationName}: {messages}{trace}";
    }
}
