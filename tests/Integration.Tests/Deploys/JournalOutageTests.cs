using System.Diagnostics;
using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.Deploys;

/// <summary>
/// A daemon on a Redis journal when redis-server dies: deploys fail in seconds with the journal's error, the active
/// release keeps serving, status says the journal is unavailable, and deploys work again soon after Redis is back.
/// </summary>
public sealed class JournalOutageTests : IAsyncLifetime
{
    /// <summary>Before the fix a deploy hung 60–90 s and never returned; now it fails after the Redis client's timeouts.</summary>
    private static readonly TimeSpan FailsWithin = TimeSpan.FromSeconds(30);

    /// <summary>Before the fix deploys were refused or hung for about 3.5 minutes after Redis came back.</summary>
    private static readonly TimeSpan RecoversWithin = TimeSpan.FromSeconds(30);

    private RedisServer _redis = null!;
    private OrchEnvironment _orch = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync(appendOnly: true);
        _orch = await OrchEnvironment.StartAsync(new Dictionary<string, string> { ["ORCH_JOURNAL"] = _redis.JournalUri });
    }

    public async Task DisposeAsync()
    {
        await _orch.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task RedisKilled_DeploysFailInSecondsWithTheJournalsError_PreviousKeepsServing_AndDeploysWorkAfterRedisRestarts()
    {
        var app = TestApp.Create("outage");
        await _orch.DeployOkAsync(app, "r1");
        await using var load = LoadGenerator.Start(app.BaseUri, clients: 2);
        await Eventually.TrueAsync(() => Task.FromResult(load.Succeeded > 20), "load to flow");

        // Redis dies while r2 is probed: the writes of its switch fail.
        var deploying = _orch.DeployAsync(app with { Environment = "LISTEN_DELAY_MS = \"3000\"" }, "r2");
        await Eventually.TrueAsync(async () => (await _orch.AppAsync(app.App)).Deployments.Any(d => d.Revision == "r2" && d.State == "probing"),
            "r2 to be probed");
        await _redis.KillAsync();
        var clock = Stopwatch.StartNew();
        var duringDeploy = await deploying;
        var duringDeployTook = clock.Elapsed;

        // A deploy sent while Redis is down.
        clock.Restart();
        var whileDown = await _orch.DeployAsync(app, "r3");
        var whileDownTook = clock.Elapsed;
        var status = await _orch.RunAsync("status");

        await _redis.RestartAsync();
        clock.Restart();
        await Eventually.TrueAsync(async () => (await _orch.DeployAsync(app, "r4")).ExitCode == 0, "a deploy to succeed after Redis restarted",
            RecoversWithin);
        var recoveredIn = clock.Elapsed;
        await Eventually.TrueAsync(async () => (await DeployHarness.GetAsync(app.BaseUri)).Contains("\"revision\":\"r4\""), "r4 to serve");
        await load.StopAsync();

        var daemon = $"\n--- daemon ---\n{_orch.ReadDaemonLog()}";
        Assert.True(duringDeploy.ExitCode != 0 && duringDeploy.Output.Contains("journal write failed", StringComparison.Ordinal),
            $"the deploy during the outage did not fail with the journal's error: {duringDeploy}{daemon}");
        Assert.True(duringDeployTook < FailsWithin, $"the deploy during the outage took {duringDeployTook}");
        var journal = $"the journal (redis 127.0.0.1:{_redis.Port}/0) is unavailable";
        Assert.True(whileDown.ExitCode != 0 && whileDown.Output.Contains(journal, StringComparison.Ordinal),
            $"the deploy while Redis was down did not say the journal is unavailable: {whileDown}");
        Assert.True(whileDownTook < FailsWithin, $"the deploy while Redis was down took {whileDownTook}");
        Assert.True(status.ExitCode != 0 && status.Output.Contains(journal, StringComparison.Ordinal),
            $"status while Redis was down did not say the journal is unavailable: {status}");
        Assert.True(recoveredIn < RecoversWithin, $"deploys worked again only {recoveredIn} after Redis restarted");
        Assert.Empty(load.Failures);
        Assert.Equal(["r1", "r4"], load.AnsweredBy.Keys.Order(StringComparer.Ordinal).ToArray());
        var after = await _orch.AppAsync(app.App);
        Assert.Equal(after.Deployment("r4").Id, after.ActiveDeploymentId);
    }
}
