using Orchestrator.Railway.Operations;

namespace Orchestrator.Railway;

/// <summary>The project and environment an app lives in, by id, with the services the project holds.</summary>
internal sealed record RailwayPlacement(string ProjectId, string ProjectName, string EnvironmentId, IReadOnlyList<NamedNode> Services)
{
    /// <summary>One <c>project</c> query: the environment by name if no id was given, and the project's services.</summary>
    /// <exception cref="RailwayPlacementException">The project is named but not by id, or has no environment of that name.</exception>
    public static async Task<RailwayPlacement> ResolveAsync(
        RailwayClient client, RailwayTargetName project, RailwayTargetName environment, CancellationToken cancellationToken)
    {
        var projectId = project.Id ?? throw new RailwayPlacementException(
            $"[railway] project = \"{project.Name}\" names the project, and this build resolves only ids: " +
            "set project_id (Railway's dashboard, the project's settings) instead");
        var found = await client.GetProjectAsync(projectId, cancellationToken).ConfigureAwait(false);
        var environmentId = environment.Id
            ?? found.Environments.FirstOrDefault(e => e.Name == environment.Name)?.Id
            ?? throw new RailwayPlacementException(
                $"the project {found.Name} has no environment named '{environment.Name}'; it has: " +
                string.Join(", ", found.Environments.Select(e => e.Name)));
        return new RailwayPlacement(found.Id, found.Name, environmentId, found.Services);
    }

    /// <summary>The id of the project's service named <paramref name="name"/>, or null.</summary>
    public string? ServiceId(string name) => Services.FirstOrDefault(service => service.Name == name)?.Id;
}

/// <summary>A project or environment as a config names it: by id, else by name.</summary>
internal sealed record RailwayTargetName(string? Name, string? Id);

internal sealed class RailwayPlacementException(string message) : Exception(message);
