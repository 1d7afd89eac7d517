using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.Releases;

/// <summary>
/// <c>[hooks] pre_switch</c> is a migration: it runs after the new release is healthy and before any request reaches
/// it; when it fails the old release never stops serving. A hook cut short by a daemon SIGKILL is never run twice.
/// </summary>
public sealed class ReleaseHookTests : IAsyncLifetime
{
    private OrchEnvironment _orch = null!;

    public async Task InitializeAsync() => _orch = await OrchEnvironment.StartAsync();

    public async Task DisposeAsync() => await _orch.DisposeAsync();

    [Fact]
    public async Task PreSwitchMigration_RunsBeforeTheFirstRequestReachesTheNewRelease_AndAFailingOneLeavesTheOldServing()
    {
        var markers = Directory.CreateDirectory(Path.Combine(_orch.Root, "migrations")).FullName;
        // Each release answers / with 503 until its own migration marker exists, so a request that reached it before
        // its pre_switch finished would fail the load below. The migration takes a second, then writes the marker.
        var app = TestApp.Create("migrated") with
        {
            Environment = $"REQUIRE_FILE = \"{markers}/{{{{revision}}}}\"",
            TopLevel = $"hooks = {{ pre_switch = \"exec:sleep 1; echo migrating $ORCH_REVISION; echo done > {markers}/$ORCH_REVISION\", post_switch = \"exec:echo switched to $ORCH_REVISION\" }}",
        };
        await _orch.DeployOkAsync(app, "r1");
        await using var load = LoadGenerator.Start(app.BaseUri, clients: 4);
        await Eventually.TrueAsync(() => Task.FromResult(load.Succeeded > 20), "load to flow to r1");

        var migrated = await _orch.DeployAsync(app, "r2");
        await Eventually.TrueAsync(() => Task.FromResult(load.AnsweredBy.ContainsKey("r2")), "load to reach r2");

        var failing = app with { TopLevel = "hooks = { pre_switch = \"exec:echo 'ERROR: relation users already exists' >&2; exit 3\" }" };
        var failed = await _orch.DeployAsync(failing, "r3");
        var afterFailure = load.Succeeded;
        await Eventually.TrueAsync(() => Task.FromResult(load.Succeeded > afterFailure + 20), "load to flow after the failed deploy");
        await load.StopAsync();

        Assert.True(migrated.ExitCode == 0, migrated.ToString());
        Assert.Contains("pre_switch: migrating r2", migrated.Output);
        Assert.Contains("post_switch: switched to r2", migrated.Output);
        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains("pre_switch failed", failed.Output);
        Assert.Contains("exited with 3", failed.Output);
        Assert.Contains("relation users already exists", failed.Output);
        Assert.Empty(load.Failures);
        Assert.DoesNotContain("r3", load.AnsweredBy.Keys);
        var status = await _orch.AppAsync(app.App);
        Assert.Equal(status.Deployment("r2").Id, status.ActiveDeploymentId);
        Assert.Equal("failed", status.Deployment("r3").State);
        Assert.Equal("succeeded", status.Deployment("r2").Hooks!.Value.Single(h => h.Hook == "pre_switch").State);
        Assert.Equal("failed", status.Deployment("r3").Hooks!.Value.Single(h => h.Hook == "pre_switch").State);
    }

    [Fact]
    public async Task PreSwitch_CutShortByADaemonSigkill_IsReportedInterruptedAndNeverRunAgain()
    {
        var runs = Path.Combine(_orch.Root, "hook-runs");
        var app = TestApp.Create("interrupted");
        await _orch.DeployOkAsync(app, "r1");
        var slow = app with { TopLevel = $"hooks = {{ pre_switch = \"exec:echo $ORCH_REVISION >> {runs}; sleep 120\", timeout = \"5m\" }}" };
        var deploy = Task.Run(() => _orch.DeployAsync(slow, "r2"));
        await Eventually.TrueAsync(() => Task.FromResult(File.Exists(runs)), "the pre_switch hook to start");

        await _orch.KillDaemonAsync();
        await deploy;
        await _orch.StartDaemonAsync();

        var r2 = await Eventually.ValueAsync(
            async () => (await _orch.AppAsync(app.App)).Deployment("r2"),
            d => d.State == "failed",
            "the interrupted deploy to be failed after the restart");
        Assert.Contains("pre_switch", r2.FailureReason);
        Assert.Equal("interrupted", r2.Hooks!.Value.Single(h => h.Hook == "pre_switch").State);
        var status = await _orch.AppAsync(app.App);
        Assert.Equal(status.Deployment("r1").Id, status.ActiveDeploymentId);
        Assert.Contains("\"revision\":\"r1\"", await DeployHarness.GetAsync(app.BaseUri));
        Assert.Equal(["r2"], File.ReadAllLines(runs));
    }
}
