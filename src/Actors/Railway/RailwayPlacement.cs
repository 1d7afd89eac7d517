using Orchestrator.Config;
using Orchestrator.Railway;

namespace Orchestrator.Actors.Railway;

/// <summary>The project and environment a Railway app deploys into, by id, and its env service if it has one.</summary>
internal sealed record RailwayPlacement(string ProjectId, string EnvironmentId, string? EnvServiceId)
{
    /// <summary>One <c>project</c> query: the environment by name if no id was given, and the app's env service.</summary>
    public static async Task<RailwayPlacement> ResolveAsync(RailwayClient client, RailwayConfig config, CancellationToken cancellationToken)
    {
        var projectId = config.Project.Id ?? throw new RailwayPlacementException(
            $"[railway] project = \"{config.Project.Name}\" names the project, and this build resolves only ids: " +
            "set project_id (Railway's dashboard, the project's settings) instead");
        var project = await client.GetProjectAsync(projectId, cancellationToken).ConfigureAwait(false);
        var environmentId = config.Environment.Id
            ?? project.Environments.FirstOrDefault(e => e.Name == config.Environment.Name)?.Id
            ?? throw new RailwayPlacementException(
                $"the project {project.Name} has no environment named '{config.Environment.Name}'; it has: " +
                string.Join(", ", project.Environments.Select(e => e.Name)));
        var envService = project.Services.FirstOrDefault(s => s.Name == config.EnvServiceName);
        return new RailwayPlacement(project.Id, environmentId, envService?.Id);
    }
}

internal sealed class RailwayPlacementException(string message) : Exception(message);
