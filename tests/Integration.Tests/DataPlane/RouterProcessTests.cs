using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.DataPlane;

/// <summary>
/// The router is a process of its own: the daemon can crash, restart or be absent, and the apps' listeners keep
/// serving; a router hand-over loses nothing.
/// </summary>
public sealed class RouterProcessTests : IAsyncLifetime
{
    private OrchEnvironment _orch = null!;

    public async Task InitializeAsync() => _orch = await OrchEnvironment.StartAsync();

    public async Task DisposeAsync() => await _orch.DisposeAsync();

    [Fact]
    public async Task DaemonSigkilledFiveTimes_UnderLoadWithAnSseStream_NoRequestFails_TheStreamNeverPauses_TheRouterStays()
    {
        var app = TestApp.Create("crashy");
        await _orch.DeployOkAsync(app, "r1");
        var routerPid = _orch.RouterPid() ?? throw new Xunit.Sdk.XunitException("no router.json after a deploy");
        await using var load = LoadGenerator.Start(app.BaseUri, clients: 16);
        await using var stream = SseStream.Open(new Uri(app.BaseUri, "/sse?interval=100"));
        // The same stream straight from the app, read by the same test process: what a loaded machine alone costs.
        var appPort = (await _orch.AppAsync(app.App)).Deployment("r1").Ports["web"];
        await using var direct = SseStream.Open(new Uri($"http://127.0.0.1:{appPort}/sse?interval=100"));
        await Eventually.TrueAsync(() => Task.FromResult(load.Succeeded > 100 && stream.Events > 5 && direct.Events > 5), "load and the stream to flow through the router");

        for (var i = 0; i < 5; i++)
        {
            await _orch.KillDaemonAsync();
            var before = load.Succeeded;
            await Eventually.TrueAsync(() => Task.FromResult(load.Succeeded > before + 50), "requests to be answered while no daemon runs");
            await _orch.StartDaemonAsync();
            await Eventually.TrueAsync(async () => (await _orch.AppAsync(app.App)).ActiveDeploymentId is not null, "the restarted daemon to recover the app");
        }

        await _orch.DeployOkAsync(app, "r2");
        await Eventually.TrueAsync(() => Task.FromResult(load.AnsweredBy.ContainsKey("r2")), "the release deployed after the restarts to answer");
        await load.StopAsync();

        Assert.True(load.Failures.Count == 0,
            $"{load.Failures.Count} of {load.Succeeded + load.Failures.Count} requests failed, e.g.:\n{string.Join("\n", load.Failures.Take(10))}");
        Assert.True(stream.Ended is null, $"the SSE stream ended ({stream.Ended}) after {stream.Events} events");
        Assert.True(stream.LongestGap < direct.LongestGap + TimeSpan.FromSeconds(1),
            $"the SSE stream paused for {stream.LongestGap}, against {direct.LongestGap} for the same stream straight from the app");
        Assert.Equal(routerPid, _orch.RouterPid());
        Assert.True(RouterProcessReader.IsRunning(routerPid), $"the router pid {routerPid} is gone:\n{_orch.ReadRouterLog()}");
        var routers = (await _orch.StatusAsync()).Routers ?? [];
        var router = Assert.Single(routers);
        Assert.Equal(routerPid, router.Pid);
        Assert.Contains(router.Listen, l => l.EndsWith($":{app.ListenPort}", StringComparison.Ordinal));
        Assert.True(router.Versions.GetValueOrDefault(app.App) > 0, $"the router reports no table version of {app.App}");
    }

    [Fact]
    public async Task RouterStartedWhileNoDaemonRuns_ServesTheLastTablesItHad_AndASecondRouterIsRefused()
    {
        var app = TestApp.Create("lonely");
        await _orch.DeployOkAsync(app, "r1");
        var routerPid = _orch.RouterPid()!.Value;
        await _orch.KillDaemonAsync();
        Process.GetProcessById(routerPid).Kill();
        await Eventually.TrueAsync(() => Task.FromResult(!RouterProcessReader.IsRunning(routerPid)), "the router to exit");
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => DeployHarness.GetAsync(app.BaseUri));

        var router = _orch.StartCli("router", "--state-dir", _orch.StateDirectory);
        try
        {
            var answer = await Eventually.ValueAsync(
                async () =>
                {
                    try
                    {
                        return await DeployHarness.GetAsync(app.BaseUri);
                    }
                    catch (HttpRequestException)
                    {
                        return "";
                    }
                },
                a => a.Contains("\"revision\":\"r1\"", StringComparison.Ordinal),
                "the router started without a daemon to serve the saved table");
            Assert.Contains("\"revision\":\"r1\"", answer);

            var second = await _orch.RunAsync("router", "--state-dir", _orch.StateDirectory);
            Assert.Equal(1, second.ExitCode);
            Assert.Contains($"a router already serves state directory {_orch.StateDirectory}: pid {router.Id}", second.Stderr);
        }
        finally
        {
            router.Kill(entireProcessTree: true);
            await router.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task RouterRestartTwice_UnderLoad_NoRequestFails_AndTheSseStreamAndWebSocketOnTheOldRouterKeepFlowing()
    {
        var app = TestApp.Create("handover");
        await _orch.DeployOkAsync(app, "r1");
        var firstPid = _orch.RouterPid()!.Value;
        await using var load = LoadGenerator.Start(app.BaseUri, clients: 16);
        await using var stream = SseStream.Open(new Uri(app.BaseUri, "/sse?interval=100"));
        using var socket = await WebSocketClient.ConnectAsync(app);

        await Eventually.TrueAsync(() => Task.FromResult(load.Succeeded > 100 && stream.Events > 5), "load and the stream to flow through the router");
        Assert.EndsWith(" hello", await socket.EchoAsync("hello"));

        var pids = new List<int> { firstPid };
        for (var i = 0; i < 2; i++)
        {
            var result = await _orch.RunAsync("router", "restart", "--json");
            Assert.True(result.ExitCode == 0, $"orch router restart failed: {result}\n{_orch.ReadRouterLog()}");
            using var json = JsonDocument.Parse(result.Stdout);
            Assert.Equal(pids[^1], json.RootElement.GetProperty("oldPid").GetInt32());
            pids.Add(json.RootElement.GetProperty("newPid").GetInt32());
            var before = load.Succeeded;
            await Eventually.TrueAsync(() => Task.FromResult(load.Succeeded > before + 200), "requests to flow after the hand-over");
        }

        Assert.Equal(3, pids.Distinct().Count());
        // The newest router owns the state directory once the one before it stopped accepting and let go of it.
        await Eventually.TrueAsync(() => Task.FromResult(_orch.RouterPid() == pids[^1]), $"router.json to name the newest router, pid {pids[^1]}");
        var events = stream.Events;
        await Eventually.TrueAsync(() => Task.FromResult(stream.Events > events + 10), "the stream opened on the first router to keep flowing");
        Assert.EndsWith(" still here", await socket.EchoAsync("still here"));
        await load.StopAsync();

        Assert.True(load.Failures.Count == 0,
            $"{load.Failures.Count} of {load.Succeeded + load.Failures.Count} requests failed, e.g.:\n{string.Join("\n", load.Failures.Take(10))}");
        Assert.True(stream.Ended is null, $"the SSE stream ended ({stream.Ended}) after {stream.Events} events");
        // Flowing, not timed: a new router starting on two cores may delay an event; a stalled stream would stop for good.
        Assert.True(stream.LongestGap < TimeSpan.FromSeconds(5), $"the SSE stream stalled for {stream.LongestGap}");
        var routers = (await _orch.StatusAsync()).Routers ?? [];
        Assert.Contains(routers, r => r.Pid == pids[^1] && !r.Draining);
        Assert.All(routers.Where(r => r.Pid != pids[^1]), r => Assert.True(r.Draining, $"router pid {r.Pid} is listed next to the newest one without draining"));
    }
}
