using Orchestrator.Railway.Auth;
using Orchestrator.Railway.Operations;

namespace Orchestrator.Railway;

/// <summary>The project and environment an app lives in, by id, with the services the project holds.</summary>
internal sealed record RailwayPlacement(string ProjectId, string ProjectName, string EnvironmentId, IReadOnlyList<NamedNode> Services)
{
    /// <summary>
    /// Resolves names to ids: a project token knows its project (<c>projectToken</c>); with an account token the project
    /// is looked up in its workspace (<c>me</c>, then <c>projects</c>). Then one <c>project</c> query gives the
    /// environment by name and the project's services. Ids cost no extra call.
    /// </summary>
    /// <exception cref="RailwayPlacementException">A name that matches nothing, or more than one project.</exception>
    public static async Task<RailwayPlacement> ResolveAsync(
        RailwayClient client, RailwayTargetName workspace, RailwayTargetName project, RailwayTargetName environment, CancellationToken cancellationToken)
    {
        var projectId = project.Id ?? await ProjectIdAsync(client, workspace, project.Name!, cancellationToken).ConfigureAwait(false);
        var found = await client.GetProjectAsync(projectId, cancellationToken).ConfigureAwait(false);
        if (project.Id is null && found.Name != project.Name)
        {
            throw new RailwayPlacementException(
                $"the project token in {RailwayToken.ProjectTokenVariable} belongs to project '{found.Name}', and [railway] project = \"{project.Name}\"; " +
                "set project to that project's name, or use a token of this project");
        }

        var environmentId = environment.Id
            ?? found.Environments.FirstOrDefault(e => e.Name == environment.Name)?.Id
            ?? throw new RailwayPlacementException(
                $"the project {found.Name} has no environment named '{environment.Name}'; it has: " +
                string.Join(", ", found.Environments.Select(e => e.Name)));
        return new RailwayPlacement(found.Id, found.Name, environmentId, found.Services);
    }

    /// <summary>The id of the project's service named <paramref name="name"/>, or null.</summary>
    public string? ServiceId(string name) => Services.FirstOrDefault(service => service.Name == name)?.Id;

    private static async Task<string> ProjectIdAsync(RailwayClient client, RailwayTargetName workspace, string projectName, CancellationToken cancellationToken)
    {
        if (client.TokenKind == RailwayTokenKind.Project)
        {
            return (await client.GetProjectTokenAsync(cancellationToken).ConfigureAwait(false)).ProjectId;
        }

        var workspaceId = workspace.Id ?? await WorkspaceIdAsync(client, workspace.Name!, cancellationToken).ConfigureAwait(false);
        var matches = (await client.GetProjectsAsync(workspaceId, cancellationToken).ConfigureAwait(false)).Where(p => p.Name == projectName).ToList();
        return matches switch
        {
            [var only] => only.Id,
            [] => throw new RailwayPlacementException(
                $"the workspace {workspace.Name ?? workspace.Id} has no project named '{projectName}' that this token can see; check the name, or set project_id"),
            _ => throw new RailwayPlacementException(
                $"the workspace {workspace.Name ?? workspace.Id} has {matches.Count} projects named '{projectName}' ({string.Join(", ", matches.Select(p => p.Id))}); set project_id to one of them"),
        };
    }

    private static async Task<string> WorkspaceIdAsync(RailwayClient client, string name, CancellationToken cancellationToken)
    {
        var workspaces = await client.GetWorkspacesAsync(cancellationToken).ConfigureAwait(false);
        return workspaces.FirstOrDefault(w => w.Name == name)?.Id ?? throw new RailwayPlacementException(
            $"the token in {RailwayToken.AccountTokenVariable} has no workspace named '{name}'; it has: {string.Join(", ", workspaces.Select(w => w.Name))}; " +
            "set workspace to one of them, or workspace_id / project_id");
    }
}

/// <summary>A workspace, project or environment as a config names it: by id, else by name.</summary>
internal sealed record RailwayTargetName(string? Name, string? Id);

internal sealed class RailwayPlacementException(string message) : Exception(message);
