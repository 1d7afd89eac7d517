namespace Orchestrator.Railway.Operations;

/// <summary><c>me { workspaces }</c>: the workspaces an account token's user belongs to, to find one by name.</summary>
internal static class MeWorkspacesQuery
{
    public static readonly RailwayOperation Operation = new("MeWorkspaces", """
        query MeWorkspaces {
          me { workspaces { id name } }
        }
        """);
}

internal sealed record MeWorkspacesVariables;

internal sealed record MeWorkspacesData(MeNode Me);

internal sealed record MeNode(IReadOnlyList<NamedNode> Workspaces);
