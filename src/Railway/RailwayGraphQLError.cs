namespace Orchestrator.Railway;

/// <summary>One entry of a GraphQL response's <c>errors</c>.</summary>
internal sealed record RailwayGraphQLError(string Message, IReadOnlyList<string> Path, string? Code, string? TraceId);
