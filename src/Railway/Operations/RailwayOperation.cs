namespace Orchestrator.Railway.Operations;

/// <summary>A GraphQL document the client sends, with the operation name it declares.</summary>
internal sealed record RailwayOperation(string Name, string Document);
