using Orchestrator.Integration.Tests.Harness;

namespace Orchestrator.Integration.Tests.Railway;

/// <summary><c>orch railway deploy --image … --config orch.toml --deployment-id …</c> with the real CLI.</summary>
internal static class RailwayDeployHarness
{
    public static Task<CliResult> RailwayDeployAsync(this OrchEnvironment orch, RailwayTestApp app, string image, string deploymentId) =>
        orch.RunAsync("railway", "deploy", "--image", image, "--config", app.WriteConfig(orch.Root), "--deployment-id", deploymentId);

    /// <summary>Deploys and fails the test, with everything the CLI and daemon said, unless traffic switched to it.</summary>
    public static async Task RailwayDeployOkAsync(this OrchEnvironment orch, RailwayTestApp app, string image, string deploymentId)
    {
        var result = await orch.RailwayDeployAsync(app, image, deploymentId);
        if (result.ExitCode != 0)
        {
            throw new Xunit.Sdk.XunitException($"railway deploy of {image} as {deploymentId} failed: {result}\n--- daemon ---\n{orch.ReadDaemonLog()}");
        }
    }
}
