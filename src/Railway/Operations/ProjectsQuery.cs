namespace Orchestrator.Railway.Operations;

/// <summary><c>projects(workspaceId)</c>: a workspace's projects, to find one by name.</summary>
internal static class ProjectsQuery
{
    public static readonly RailwayOperation Operation = new("Projects", """
        query Projects($workspaceId: String!) {
          projects(workspaceId: $workspaceId) { edges { node { id name } } }
        }
        """);
}

internal sealed record ProjectsVariables(string WorkspaceId);

internal sealed record ProjectsData(Connection<NamedNode> Projects);
