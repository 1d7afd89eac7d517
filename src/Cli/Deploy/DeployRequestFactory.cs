using Orchestrator.Config;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Deploy;

/// <summary>Turns the deploy options into a <see cref="DeployRequest"/>: absolute paths, the config's text, a revision.</summary>
internal static class DeployRequestFactory
{
    public static async Task<DeployRequest> CreateAsync(
        string releasePath, string configPath, string? revision, string? deploymentId, CancellationToken cancellationToken)
    {
        var release = Path.GetFullPath(releasePath);
        if (!Directory.Exists(release))
        {
            throw new CliFailureException($"release path {release} does not exist", "pass the directory of the release with --release-path");
        }

        var configToml = await ConfigFile.ReadAsync(configPath, cancellationToken);
        if (AppConfigLoader.SizeProblem(configToml) is { } tooLarge)
        {
            throw new CliFailureException($"{Path.GetFullPath(configPath)}: {tooLarge}", "keep orch.toml small: large values belong in files of the release");
        }

        return new DeployRequest(
            configToml,
            Path.GetFullPath(configPath),
            release,
            revision ?? await ReleaseRevision.DetectAsync(release, TimeProvider.System, cancellationToken),
            deploymentId);
    }
}
