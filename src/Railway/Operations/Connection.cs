namespace Orchestrator.Railway.Operations;

/// <summary>A Relay connection as Railway returns lists: <c>{ edges { node } }</c>.</summary>
internal sealed record Connection<T>(IReadOnlyList<Edge<T>> Edges)
{
    public IReadOnlyList<T> Nodes => [.. Edges.Select(edge => edge.Node)];
}

internal sealed record Edge<T>(T Node);
