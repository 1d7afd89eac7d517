using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.Deploys;

/// <summary>
/// <c>orch promote</c> cut short by a daemon SIGKILL, with real daemon, router and app processes: after the restart the
/// promote finishes. The router is frozen (SIGSTOP) while the promote runs so that the switch waits for its ack: the
/// daemon dies with the route table switched and the canary not yet recorded as active, the moment a restart used to
/// turn into a canary split again.
/// </summary>
public sealed class CanaryRecoveryTests : IAsyncLifetime
{
    private const int Samples = 50;
    private OrchEnvironment _orch = null!;

    public async Task InitializeAsync() => _orch = await OrchEnvironment.StartAsync();

    public async Task DisposeAsync() => await _orch.DisposeAsync();

    [Fact]
    public async Task Promote_DaemonSigkilledWhileTheSwitchIsInFlight_FinishesAfterTheRestartWithNoFailedRequest()
    {
        var app = TestApp.Create("promote-kill") with { Drain = "5s" };
        await _orch.DeployOkAsync(app, "r1");
        var canary = await _orch.DeployCanaryAsync(app, "r2", "50%");
        Assert.True(canary.ExitCode == 0, canary.ToString());
        var r2 = (await _orch.AppAsync(app.App)).Deployment("r2").Id;
        var routerPid = _orch.RouterPid() ?? throw new InvalidOperationException("no router runs: " + _orch.ReadDaemonLog());
        await using var load = LoadGenerator.Start(app.BaseUri, 4);
        await Eventually.TrueAsync(() => Task.FromResult(load.Succeeded > 20), "load to flow through the router");

        await Signals.StopAsync(routerPid);
        try
        {
            var promote = _orch.StartAsync("promote", "--app", app.App);
            await Eventually.TrueAsync(
                () => Task.FromResult(_orch.ReadDaemonLog().Contains($"route table of {app.App} is now version", StringComparison.Ordinal)
                    && _orch.ReadDaemonLog().Contains($"active {r2}, canary none", StringComparison.Ordinal)),
                "the promote's switch to reach the route table");
            await _orch.KillDaemonAsync();
            await promote;
        }
        finally
        {
            await Signals.ContinueAsync(routerPid);
        }

        await _orch.StartDaemonAsync();

        var promoted = await Eventually.ValueAsync(
            () => _orch.AppAsync(app.App),
            s => s.ActiveDeploymentId == r2 && s.Deployment("r2").State == "active",
            "the promote to finish after the restart", TimeSpan.FromSeconds(60));
        Assert.Null(promoted.Deployment("r2").Canary);
        Assert.DoesNotContain(promoted.Deployments, d => d.State == "canary");
        Assert.Single(promoted.Deployments, d => d.State == "active");
        var answers = new List<string>();
        for (var i = 0; i < Samples; i++)
        {
            answers.Add(TestAppAnswer.Revision(await DeployHarness.GetAsync(app.BaseUri)));
        }

        Assert.All(answers, revision => Assert.Equal("r2", revision));
        await Eventually.ValueAsync(
            () => _orch.AppAsync(app.App),
            s => s.Deployment("r1").State == "retired",
            "r1 to drain and retire", TimeSpan.FromSeconds(60));
        await load.StopAsync();
        Assert.Empty(load.Failures);
        var events = await _orch.RunAsync("events", "--app", app.App);
        Assert.Equal(1, CountOf(events.Stdout, "promote begun"));
        Assert.Equal(1, CountOf(events.Stdout, "draining, deadline"));
    }

    private static int CountOf(string text, string part) => text.Split(part).Length - 1;
}
