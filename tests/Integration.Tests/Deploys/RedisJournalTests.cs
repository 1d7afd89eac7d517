using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.Deploys;

/// <summary>A daemon that keeps its journal in Redis (<c>ORCH_JOURNAL=redis://…</c>) survives a kill the same way.</summary>
public sealed class RedisJournalTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private OrchEnvironment _orch = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _orch = await OrchEnvironment.StartAsync(new Dictionary<string, string> { ["ORCH_JOURNAL"] = _redis.JournalUri });
    }

    public async Task DisposeAsync()
    {
        await _orch.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Daemon_OnARedisJournal_KilledAndStartedAgain_ServesTheSameRelease()
    {
        var app = TestApp.Create("onredis");
        await _orch.DeployOkAsync(app, "r1");
        var pid = (await _orch.AppAsync(app.App)).Deployment("r1").Processes.Single(p => p.Id == "web").Pid;

        await _orch.KillDaemonAsync();
        Assert.False(File.Exists(Path.Combine(_orch.StateDirectory, "journal.db")), "the daemon wrote a SQLite journal although Redis was chosen");
        await _orch.StartDaemonAsync();

        var body = await Eventually.ValueAsync(() => DeployHarness.GetAsync(app.BaseUri), b => b.Contains("\"revision\":\"r1\""),
            "the router to serve the release recovered from Redis");
        Assert.Contains($"\"pid\":{pid}", body);
    }
}
