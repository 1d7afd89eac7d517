using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.DataPlane;

/// <summary>
/// A router on "another host" (its own state directory and address) reads its daemon's feed over TCP
/// (<c>orch daemon --feed-listen</c>, <c>orch router --feed</c>): it is a router like the daemon's own, so deploys wait
/// for it; without the daemon's token it gets nothing; without a daemon it keeps serving, and it finds the next one.
/// </summary>
public sealed class RemoteFeedTests
{
    private readonly string _token = "it-feed-token-" + Guid.NewGuid().ToString("N");
    private readonly int _feedPort = FreePorts.Any();

    private string Feed => $"127.0.0.1:{_feedPort}";

    [Fact]
    public async Task RemoteRouter_FedOverTcp_EveryDeploySwitchesIt_UnderLoad_NoRequestFails()
    {
        await using var orch = await StartDaemonAsync();
        var app = TestApp.Create("remote-feed");
        await orch.DeployOkAsync(app, "r1");
        await using var router = RemoteRouter.Start(orch, Feed, _token);
        var remote = RemoteRouter.BaseUriOf(app);
        await WaitServingAsync(router, remote, "r1");
        await using var load = LoadGenerator.Start(remote, clients: 8);
        await Eventually.TrueAsync(() => Task.FromResult(load.Succeeded > 100), "load to flow through the remote router");

        foreach (var revision in new[] { "r2", "r3" })
        {
            await orch.DeployOkAsync(app, revision);
            // The switch waited for the remote router's ack: it serves the new release the moment the deploy is done.
            Assert.Contains($"\"revision\":\"{revision}\"", await DeployHarness.GetAsync(remote));
            var before = load.Succeeded;
            await Eventually.TrueAsync(() => Task.FromResult(load.Succeeded > before + 100), $"load to flow after the switch to {revision}");
        }

        await load.StopAsync();
        Assert.True(load.Failures.Count == 0,
            $"{load.Failures.Count} of {load.Succeeded + load.Failures.Count} requests failed, e.g.:\n{string.Join("\n", load.Failures.Take(10))}\n{router.ReadLog()}");
        Assert.True(load.AnsweredBy.ContainsKey("r3"), "the last release never answered through the remote router");
        var routers = (await orch.StatusAsync()).Routers ?? [];
        Assert.Contains(routers, r => r.Pid == router.Process.Id && r.Listen.Any(l => l.Contains("127.0.0.2:", StringComparison.Ordinal)));
        Assert.Equal(2, routers.Length);
        // Its own state directory: the tables it serves are saved there, and no router.json a daemon would adopt it by.
        Assert.True(File.Exists(Path.Combine(router.StateDirectory, "router-tables.json")), "the remote router saved no tables");
        Assert.False(File.Exists(Path.Combine(router.StateDirectory, "router.json")), "the remote router wrote a router.json");
    }

    [Fact]
    public async Task RemoteRouter_WithAWrongTokenOrNone_GetsNoTable_AndTheRefusalIsLoggedWithoutTheToken()
    {
        await using var orch = await StartDaemonAsync();
        var app = TestApp.Create("remote-refused");
        await orch.DeployOkAsync(app, "r1");
        const string wrongToken = "wrong-feed-token-0123456789";

        await using var wrong = RemoteRouter.Start(orch, Feed, wrongToken);
        await Eventually.TrueAsync(
            () => Task.FromResult(wrong.ReadLog().Contains("refused this router", StringComparison.Ordinal)),
            "the router with a wrong token to log the daemon's refusal");
        await Eventually.TrueAsync(
            () => Task.FromResult(orch.ReadDaemonLog().Contains("Refused a router's feed connection from 127.0.0.1:", StringComparison.Ordinal)),
            "the daemon to log the refusal");
        var none = await orch.RunWithAsync(
            new Dictionary<string, string?> { ["ORCH_TOKEN"] = null }, "router", "--feed", Feed, "--state-dir", Path.Combine(orch.Root, "tokenless"));

        Assert.Contains("(a wrong token came with the hello); set ORCH_TOKEN to the token the daemon was started with", wrong.ReadLog(), StringComparison.Ordinal);
        Assert.False(wrong.Process.HasExited, $"the refused router exited instead of asking again:\n{wrong.ReadLog()}");
        Assert.False(File.Exists(Path.Combine(wrong.StateDirectory, "router-tables.json")), "the refused router got a table");
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => DeployHarness.GetAsync(RemoteRouter.BaseUriOf(app)));
        Assert.Single((await orch.StatusAsync()).Routers ?? []);
        var daemonLog = orch.ReadDaemonLog();
        Assert.Contains("a wrong token", daemonLog, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongToken, daemonLog, StringComparison.Ordinal);
        Assert.DoesNotContain(_token, daemonLog, StringComparison.Ordinal);
        Assert.True(none.ExitCode == 2, none.ToString());
        Assert.Contains("--feed needs a token: set ORCH_TOKEN or pass --token-file FILE (mode 600)", none.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DaemonSigkilled_TheRemoteRouterKeepsServing_AndAfterItsRestartANewDeploySwitchesIt()
    {
        await using var orch = await StartDaemonAsync();
        var app = TestApp.Create("remote-outage");
        await orch.DeployOkAsync(app, "r1");
        await using var router = RemoteRouter.Start(orch, Feed, _token);
        var remote = RemoteRouter.BaseUriOf(app);
        await WaitServingAsync(router, remote, "r1");
        await using var load = LoadGenerator.Start(remote, clients: 8);
        await Eventually.TrueAsync(() => Task.FromResult(load.Succeeded > 100), "load to flow through the remote router");

        await orch.KillDaemonAsync();
        await Eventually.TrueAsync(
            () => Task.FromResult(router.ReadLog().Contains("is gone", StringComparison.Ordinal)), "the remote router to notice the daemon is gone");
        var whileAway = load.Succeeded;
        await Eventually.TrueAsync(() => Task.FromResult(load.Succeeded > whileAway + 100), "requests to be answered while no daemon runs");
        await orch.StartDaemonAsync();
        await Eventually.TrueAsync(
            async () => ((await orch.StatusAsync()).Routers ?? []).Any(r => r.Pid == router.Process.Id),
            "the remote router to join the restarted daemon's feed", TimeSpan.FromSeconds(60));
        await orch.DeployOkAsync(app, "r2");

        Assert.Contains("\"revision\":\"r2\"", await DeployHarness.GetAsync(remote));
        await load.StopAsync();
        Assert.True(load.Failures.Count == 0,
            $"{load.Failures.Count} of {load.Succeeded + load.Failures.Count} requests failed, e.g.:\n{string.Join("\n", load.Failures.Take(10))}\n{router.ReadLog()}");
        Assert.False(router.Process.HasExited, $"the remote router exited:\n{router.ReadLog()}");
    }

    /// <summary>
    /// The daemon's environment names the TCP feed too (as a platform's shared variables may): its own router must
    /// still read the state directory's socket, or it would be missing from <c>status</c>.
    /// </summary>
    private Task<OrchEnvironment> StartDaemonAsync() =>
        OrchEnvironment.StartAsync(new Dictionary<string, string> { ["ORCH_TOKEN"] = _token, ["ORCH_FEED"] = Feed }, ["--feed-listen", Feed]);

    private static async Task WaitServingAsync(RemoteRouter router, Uri remote, string revision) =>
        await Eventually.ValueAsync(
            async () =>
            {
                try
                {
                    return await DeployHarness.GetAsync(remote);
                }
                catch (HttpRequestException)
                {
                    return router.Process.HasExited ? throw new InvalidOperationException($"the remote router exited:\n{router.ReadLog()}") : "";
                }
            },
            answer => answer.Contains($"\"revision\":\"{revision}\"", StringComparison.Ordinal),
            $"the remote router to serve {revision} from the daemon's TCP feed");
}
