using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.Deploys;

/// <summary>The daemon is not the app: killing it loses no release, and its processes are adopted, not restarted.</summary>
public sealed class DaemonRestartTests : IAsyncLifetime
{
    private OrchEnvironment _orch = null!;

    public async Task InitializeAsync() => _orch = await OrchEnvironment.StartAsync();

    public async Task DisposeAsync() => await _orch.DisposeAsync();

    [Fact]
    public async Task Daemon_KilledAndStartedAgain_AdoptsTheActiveReleaseAndServesIt()
    {
        var app = TestApp.Create("survivor");
        await _orch.DeployOkAsync(app, "r1");
        var before = (await _orch.AppAsync(app.App)).Deployment("r1");
        var pid = before.Processes.Single(p => p.Id == "web").Pid;

        await _orch.KillDaemonAsync();
        await _orch.StartDaemonAsync();

        var body = await Eventually.ValueAsync(() => DeployHarness.GetAsync(app.BaseUri), b => b.Contains("\"revision\":\"r1\""),
            "the router to serve the active release again");
        Assert.Contains($"\"pid\":{pid}", body);
        // The router process served throughout; the restarted daemon's app entity wakes up a moment later.
        var after = await Eventually.ValueAsync(
            async () => (await _orch.StatusAsync()).Apps.FirstOrDefault(a => a.App == app.App),
            a => a?.ActiveDeploymentId is not null,
            "the restarted daemon to recover the app");
        Assert.Equal(before.Id, after!.ActiveDeploymentId);
        Assert.Equal("active", after.Deployment("r1").State);
    }

    [Fact]
    public async Task SecondDaemon_OnTheSameSocket_FailsNamingTheRunningOne()
    {
        // Another state directory, so it is the socket (not the state lock) that stops it.
        var second = await _orch.RunAsync("daemon", "--state-dir", Path.Combine(_orch.Root, "other-state"), "--control", _orch.ControlSocket);

        Assert.Equal(1, second.ExitCode);
        Assert.Contains(_orch.DaemonPid!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), second.Output);
    }
}
