namespace Orchestrator.Railway.Operations;

/// <summary><c>project(id)</c> with its environments and services, to resolve names to ids.</summary>
internal static class ProjectQuery
{
    public static readonly RailwayOperation Operation = new("Project", """
        query Project($id: String!) {
          project(id: $id) {
            id
            name
            environments { edges { node { id name } } }
            services { edges { node { id name } } }
          }
        }
        """);
}

internal sealed record ProjectVariables(string Id);

internal sealed record ProjectData(ProjectNode Project);

internal sealed record ProjectNode(string Id, string Name, Connection<NamedNode> Environments, Connection<NamedNode> Services);

/// <summary>Anything Railway lists by id and name: an environment, a service.</summary>
internal sealed record NamedNode(string Id, string Name);
