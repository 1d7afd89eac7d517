using Orchestrator.Actors.Routing;
using Orchestrator.Router.Tests.Support;
using Orchestrator.Routing;
using Xunit;

namespace Orchestrator.Router.Tests.Connections;

public sealed class ConnectionCountsTests
{
    [Fact]
    public async Task ConnectionsOf_OpenSse_CountsStreamingThenZero()
    {
        await using var router = new RouterHarness();
        var blue = await router.BackendAsync("blue");
        await router.ApplyAsync(Tables.Of("shop", 1, ("shop-blue", blue.Url)));
        await using (var stream = await SseStream.OpenAsync(router.Client, "/sse?count=2"))
        {
            Assert.Equal("data: blue-1", await stream.NextEventAsync());

            Assert.Equal(new ConnectionCounts(0, 0, 1, Requests: 1), router.Runtime.ConnectionsOf("shop")["shop-blue"]);
        }

        await Eventually.TrueAsync(() => router.Runtime.ConnectionsOf("shop")["shop-blue"].Total == 0, "the closed stream is no longer counted");
    }

    [Fact]
    public async Task ConnectionsOf_SlowRequest_CountsHttpThenZero()
    {
        await using var router = new RouterHarness();
        var blue = await router.BackendAsync("blue");
        await router.ApplyAsync(Tables.Of("shop", 1, ("shop-blue", blue.Url)));

        var slow = router.Client.GetStringAsync("/slow");
        await Eventually.TrueAsync(() => blue.SlowStarted == 1, "the slow request reached blue");

        Assert.Equal(new ConnectionCounts(1, 0, 0, Requests: 1), router.Runtime.ConnectionsOf("shop")["shop-blue"]);
        blue.ReleaseSlow();
        Assert.Equal("blue", await slow);
        await Eventually.TrueAsync(() => router.Runtime.ConnectionsOf("shop")["shop-blue"].Total == 0, "the finished request is no longer counted");
    }

    [Fact]
    public async Task ConnectionsOf_AffinityToDrainingDeployment_CountsAgainstIt()
    {
        await using var router = new RouterHarness();
        var green = await router.BackendAsync("green");
        var blue = await router.BackendAsync("blue");
        await router.ApplyAsync(Tables.Of("shop", 1, ("shop-green", green.Url), ("shop-blue", blue.Url)) with { Affinity = true });

        var slow = router.Client.GetStringAsync("/slow?orch_deployment=shop-blue");
        await Eventually.TrueAsync(() => blue.SlowStarted == 1, "the slow request reached blue");

        var counts = router.Runtime.ConnectionsOf("shop");
        Assert.Equal(new ConnectionCounts(1, 0, 0, Requests: 1), counts["shop-blue"]);
        Assert.Equal(ConnectionCounts.Zero, counts["shop-green"]);
        blue.ReleaseSlow();
        Assert.Equal("blue", await slow);
    }
}
