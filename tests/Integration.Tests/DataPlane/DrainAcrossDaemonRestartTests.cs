using System.Net.WebSockets;
using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.DataPlane;

/// <summary>
/// A drain keeps the deadline it was given when the daemon is SIGKILLed in the middle of it: the old release's SSE
/// stream flows until then and ends cleanly, its WebSocket gets close 1012, and the new release serves throughout.
/// </summary>
public sealed class DrainAcrossDaemonRestartTests : IAsyncLifetime
{
    private const WebSocketCloseStatus ServiceRestart = (WebSocketCloseStatus)1012;
    private static readonly TimeSpan DeadlineSlack = TimeSpan.FromSeconds(1);

    private OrchEnvironment _orch = null!;

    public async Task InitializeAsync() => _orch = await OrchEnvironment.StartAsync();

    public async Task DisposeAsync() => await _orch.DisposeAsync();

    [Fact]
    public async Task DaemonSigkilledDuringADrain_TheOldStreamEndsAtItsOriginalDeadline_TheWebSocketGets1012_AndTheNewReleaseServesThroughout()
    {
        var app = TestApp.Create("longrun") with { Drain = "15s" };
        await _orch.DeployOkAsync(app, "A");
        var a = (await _orch.AppAsync(app.App)).ActiveDeploymentId!;
        await using var stream = SseStream.Open(new Uri(app.BaseUri, "/sse?interval=100"));
        // The same stream straight from A's process, read by the same test process: what a loaded machine alone costs.
        var aPort = (await _orch.AppAsync(app.App)).Deployment("A").Ports["web"];
        await using var direct = SseStream.Open(new Uri($"http://127.0.0.1:{aPort}/sse?interval=100"));
        using var socket = await WebSocketClient.ConnectAsync(app);
        Assert.Equal($"{a} before", await socket.EchoAsync("before"));
        // Read from now on, so that the close is timed when it arrives, not when the test gets around to looking.
        var closing = ReceiveCloseAsync(socket, DateTimeOffset.UtcNow + TimeSpan.FromMinutes(2));
        await Eventually.TrueAsync(() => Task.FromResult(stream.Events > 5), "the stream to flow from release A");

        await _orch.DeployOkAsync(app, "B");
        var deadline = (await _orch.AppAsync(app.App)).Deployments.Single(d => d.Id == a).DrainDeadline
            ?? throw new Xunit.Sdk.XunitException($"{a} reports no drain deadline after B was deployed");
        await using var load = LoadGenerator.Start(app.BaseUri, clients: 16);
        await Eventually.TrueAsync(() => Task.FromResult(load.AnsweredBy.ContainsKey("B")), "release B to answer");

        await _orch.KillDaemonAsync();
        // The scenario of the issue: the daemon is away for three seconds of A's drain, as under a slow systemd restart.
        await Task.Delay(TimeSpan.FromSeconds(3));
        await _orch.StartDaemonAsync();
        // On a loaded machine the restarted daemon may answer only after the deadline: A is then already retired, but
        // never before its deadline, and always with the deadline it had.
        var restarted = await Eventually.ValueAsync(
            async () => (await _orch.AppAsync(app.App)).Deployments.Single(d => d.Id == a),
            d => d.State is "draining" or "retired",
            "the restarted daemon to recover A's drain");
        Assert.Equal(deadline, restarted.DrainDeadline);
        Assert.True(restarted.State == "draining" || restarted.StoppedAt >= deadline,
            $"A is {restarted.State} since {restarted.StoppedAt:HH:mm:ss.fff}, before its drain deadline {deadline:HH:mm:ss.fff}");

        await Eventually.TrueAsync(
            () => Task.FromResult(stream.Ended is not null),
            "A's stream to end at its drain deadline",
            deadline - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30));
        var (closeStatus, closedAt) = await closing;

        Assert.Equal("clean", stream.Ended);
        AssertNear(deadline, stream.EndedAt!.Value, "A's SSE stream");
        Assert.Equal(ServiceRestart, closeStatus);
        AssertNear(deadline, closedAt, "A's WebSocket");
        Assert.True(stream.LongestGap < direct.LongestGap + TimeSpan.FromSeconds(1),
            $"A's stream paused for {stream.LongestGap} while the daemon was away, against {direct.LongestGap} for the same stream straight from A");

        var b = (await _orch.AppAsync(app.App)).ActiveDeploymentId!;
        using var next = await WebSocketClient.ConnectAsync(app);
        Assert.Equal($"{b} again", await next.EchoAsync("again"));
        await load.StopAsync();
        Assert.True(load.Failures.Count == 0,
            $"{load.Failures.Count} of {load.Succeeded + load.Failures.Count} requests failed, e.g.:\n{string.Join("\n", load.Failures.Take(10))}");
        Assert.Equal(["B"], load.AnsweredBy.Keys);
    }

    private void AssertNear(DateTimeOffset deadline, DateTimeOffset endedAt, string what) =>
        Assert.True((endedAt - deadline).Duration() <= DeadlineSlack,
            $"{what} ended at {endedAt:HH:mm:ss.fff}, {(endedAt - deadline).TotalSeconds:+0.000;-0.000} s from its drain deadline {deadline:HH:mm:ss.fff}\n" +
            $"--- router log ---\n{_orch.ReadRouterLog()}");

    /// <summary>Reads until the router's close frame arrives; the status it carried and when.</summary>
    private static Task<(WebSocketCloseStatus? Status, DateTimeOffset At)> ReceiveCloseAsync(ClientWebSocket socket, DateTimeOffset giveUpAt) =>
        Task.Run(() => ReceiveUntilCloseAsync(socket, giveUpAt));

    private static async Task<(WebSocketCloseStatus? Status, DateTimeOffset At)> ReceiveUntilCloseAsync(ClientWebSocket socket, DateTimeOffset giveUpAt)
    {
        using var timeout = new CancellationTokenSource(giveUpAt - DateTimeOffset.UtcNow);
        var buffer = new byte[1024];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, timeout.Token);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return (received.CloseStatus, DateTimeOffset.UtcNow);
            }
        }
    }
}
