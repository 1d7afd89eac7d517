using Orchestrator.Control.Contracts;
using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.Stacks;

/// <summary>A stack run outlives its daemon: SIGKILLed mid-run, the restarted daemon goes on from the step it had reached.</summary>
public sealed class StackRestartTests : IAsyncLifetime
{
    private OrchEnvironment _orch = null!;

    public async Task InitializeAsync() => _orch = await OrchEnvironment.StartAsync();

    public async Task DisposeAsync() => await _orch.DisposeAsync();

    [Fact]
    public async Task StackRun_DaemonKilledWhileAnAppIsProbed_ResumesAfterTheRestartWithoutDeployingAnAppTwice()
    {
        var databasePings = Path.Combine(_orch.Root, "database.pings");
        var stack = new TestStack(_orch.Root, "planexe")
            .Add("worker_plan", TestApp.Create("worker-plan"))
            .Add("worker_plan_database", TestApp.Create("worker-plan-database") with
            {
                Environment = $"HEALTHY_AFTER_MS = \"3000\", PING_LOG = \"{databasePings}\"",
            }, "worker-plan")
            .Add("mcp_cloud", TestApp.Create("mcp-cloud"), "worker-plan-database")
            .Add("frontend", TestApp.Create("frontend"), "worker-plan-database");
        var release = stack.WriteRelease("r1");
        var deploy = _orch.StartAsync("deploy", "--stack", stack.StackPath, "--release-path", release, "--revision", "r1");
        await Eventually.TrueAsync(() => Task.FromResult(File.Exists(databasePings)), "the database app to be probed", TimeSpan.FromSeconds(60));
        var worker = await _orch.AppAsync("worker-plan");
        var workerPid = worker.Deployment("r1").Processes.Single(p => p.Id == "web").Pid;

        await _orch.KillDaemonAsync();
        await _orch.StartDaemonAsync();

        var followed = await _orch.RunAsync("stack", "status", "planexe", "--follow", "--json");
        Assert.True(followed.ExitCode == 0, $"{followed}\n--- daemon ---\n{_orch.ReadDaemonLog()}");
        var run = TestStack.RunOf(followed);
        Assert.Equal(StackRunOutcomes.Succeeded, run.Outcome);
        // The CLI that started the run lost its daemon and followed the run again once the daemon was back.
        var original = await deploy;
        Assert.True(original.ExitCode == 0, original.ToString());
        Assert.Contains("lost the daemon", original.Stderr);

        // The app deployed before the kill was not deployed again: the same deployment, the same process.
        var workerAfter = await _orch.AppAsync("worker-plan");
        Assert.Single(workerAfter.Deployments);
        Assert.Equal(worker.ActiveDeploymentId, workerAfter.ActiveDeploymentId);
        Assert.Equal(workerPid, workerAfter.Deployment("r1").Processes.Single(p => p.Id == "web").Pid);
        // The app whose deploy the kill interrupted was deployed once more (its first deployment failed as interrupted),
        // the apps after it once each.
        var database = run.Apps.Single(a => a.App == "worker-plan-database");
        Assert.Equal(2, database.Attempts);
        var databaseStatus = await _orch.AppAsync("worker-plan-database");
        Assert.Equal(database.DeploymentId, databaseStatus.ActiveDeploymentId);
        Assert.Single(databaseStatus.Deployments, d => d.State == "active");
        foreach (var app in new[] { "mcp-cloud", "frontend" })
        {
            var status = await _orch.AppAsync(app);
            Assert.Single(status.Deployments);
            Assert.Equal(run.Apps.Single(a => a.App == app).DeploymentId, status.ActiveDeploymentId);
            Assert.Contains("\"revision\":\"r1\"", await DeployHarness.GetAsync(stack[app].BaseUri));
        }
    }
}
