using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.Deploys;

/// <summary>A release that is not healthy is never promoted, and the previous one keeps serving.</summary>
public sealed class FailedDeployTests : IAsyncLifetime
{
    private OrchEnvironment _orch = null!;

    public async Task InitializeAsync() => _orch = await OrchEnvironment.StartAsync();

    public async Task DisposeAsync() => await _orch.DisposeAsync();

    [Fact]
    public async Task Deploy_HealthNeverPasses_ExitsNonZeroAndPreviousKeepsServing()
    {
        var app = TestApp.Create("unhealthy");
        await _orch.DeployOkAsync(app, "r1");
        await using var load = LoadGenerator.Start(app.BaseUri, clients: 4);

        var failed = await _orch.DeployAsync(app with { Environment = "HEALTH = \"fail\"", HealthTimeout = "2s" }, "r2");
        await Eventually.TrueAsync(() => Task.FromResult(load.Succeeded > 50), "load to flow");
        await load.StopAsync();

        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains("health check", failed.Output);
        Assert.Contains("500", failed.Output);
        Assert.Empty(load.Failures);
        Assert.Equal(["r1"], load.AnsweredBy.Keys.ToArray());
        var status = await _orch.AppAsync(app.App);
        Assert.Equal("failed", status.Deployment("r2").State);
        Assert.Equal(status.Deployment("r1").Id, status.ActiveDeploymentId);
    }

    [Fact]
    public async Task Deploy_ProcessExitsAtStart_FailsWithItsOutputAndPreviousKeepsServing()
    {
        var app = TestApp.Create("broken");
        await _orch.DeployOkAsync(app, "r1");

        var failed = await _orch.DeployAsync(app with { Environment = "EXIT_AT_START = \"7\"" }, "r2");

        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains("exit", failed.Output);
        Assert.Contains("exiting at start with 7", failed.Output);
        Assert.Contains("\"revision\":\"r1\"", await DeployHarness.GetAsync(app.BaseUri));
    }

    [Fact]
    public async Task KilledProxiedProcess_IsRestartedWithBackoffAndServesAgain()
    {
        var app = TestApp.Create("restart") with
        {
            Restart = "{ max_restarts = 5, window = \"60s\", backoff_factor = 2, initial_delay = \"200ms\", max_delay = \"5s\" }",
        };
        await _orch.DeployOkAsync(app, "r1");
        var web = (await _orch.AppAsync(app.App)).Deployment("r1").Processes.Single(p => p.Id == "web");

        System.Diagnostics.Process.GetProcessById(web.Pid!.Value).Kill();

        var restarted = await Eventually.ValueAsync(
            async () => (await _orch.AppAsync(app.App)).Deployment("r1").Processes.Single(p => p.Id == "web"),
            p => p.Restarts == 1 && p.State == "running" && p.Pid != web.Pid,
            "the killed process to be restarted");
        Assert.Equal("SIGKILL", restarted.ExitSignal);
        await Eventually.TrueAsync(async () => (await DeployHarness.GetAsync(app.BaseUri)).Contains("\"revision\":\"r1\""), "the restarted process to serve");
    }

    [Fact]
    public async Task CrashLoop_StopsAfterMaxRestarts_AndStatusShowsFailedWithExitCode()
    {
        var app = TestApp.Create("crashloop") with
        {
            Environment = "CRASH_AFTER_MS = \"1500\"",
            Restart = "{ max_restarts = 2, window = \"60s\", backoff_factor = 2, initial_delay = \"100ms\", max_delay = \"1s\" }",
        };
        await _orch.DeployOkAsync(app, "r1");

        var web = await Eventually.ValueAsync(
            async () => (await _orch.AppAsync(app.App)).Deployment("r1").Processes.Single(p => p.Id == "web"),
            p => p.State == "failed",
            "the crash loop to give up",
            TimeSpan.FromSeconds(60));

        Assert.Equal(2, web.Restarts);
        Assert.Equal(3, web.ExitCode);
    }
}
