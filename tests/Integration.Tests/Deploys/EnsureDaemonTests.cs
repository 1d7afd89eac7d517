using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.Deploys;

public sealed class EnsureDaemonTests
{
    [Fact]
    public async Task Deploy_WithEnsureDaemonAndNoDaemon_StartsOneAndDeploys()
    {
        await using var orch = OrchEnvironment.CreateWithoutDaemon();
        var app = TestApp.Create("ensured");
        var release = app.WriteRelease(orch.Root, "r1");
        try
        {
            var deploy = await orch.RunAsync("deploy", "--ensure-daemon", "--config", Path.Combine(release, "orch.toml"),
                "--release-path", release, "--revision", "r1");

            Assert.True(deploy.ExitCode == 0, deploy.ToString());
            Assert.Contains("\"revision\":\"r1\"", await DeployHarness.GetAsync(app.BaseUri));
        }
        finally
        {
            // This daemon was started by the CLI, not by the harness: stop it here.
            await orch.RunAsync("shutdown");
        }
    }
}
