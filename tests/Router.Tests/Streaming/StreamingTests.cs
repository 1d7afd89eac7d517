using Orchestrator.Actors.Routing;
using Orchestrator.Router.Tests.Support;
using Orchestrator.Routing;
using Xunit;

namespace Orchestrator.Router.Tests.Streaming;

public sealed class StreamingTests
{
    [Fact]
    public async Task Sse_EventsArriveOneByOne_Unbuffered()
    {
        await using var router = new RouterHarness();
        var blue = await router.BackendAsync("blue");
        await router.ApplyAsync(Tables.Of("shop", 1, ("shop-blue", blue.Url)));

        await using var stream = await SseStream.OpenAsync(router.Client, "/sse?count=3");

        // The backend sends each next event only after the test saw the previous one.
        Assert.Equal("data: blue-1", await stream.NextEventAsync());
        blue.ReleaseEvent();
        Assert.Equal("data: blue-2", await stream.NextEventAsync());
        blue.ReleaseEvent();
        Assert.Equal("data: blue-3", await stream.NextEventAsync());
        Assert.Null(await stream.NextEventAsync());
    }

    [Fact]
    public async Task Sse_BackendKilledMidStream_ClientStreamEndsPromptly()
    {
        await using var router = new RouterHarness();
        using var backend = await NodeSseBackend.StartAsync();
        await router.ApplyAsync(Tables.Of("shop", 1, ("shop-node", backend.Url)));
        await using var stream = await SseStream.OpenAsync(router.Client, "/");
        Assert.Equal("data: hello", await stream.NextEventAsync());

        backend.Kill();

        Assert.True(await stream.EndsWithinAsync(TimeSpan.FromSeconds(5)), "the client stream still hangs after its backend died");
    }

    [Fact]
    public async Task ApplyAsync_DeploymentRemoved_EndsItsOpenSseCleanly()
    {
        await using var router = new RouterHarness();
        var blue = await router.BackendAsync("blue");
        var green = await router.BackendAsync("green");
        await router.ApplyAsync(Tables.Of("shop", 1, ("shop-blue", blue.Url)));
        await using var stream = await SseStream.OpenAsync(router.Client, "/sse?count=2");
        Assert.Equal("data: blue-1", await stream.NextEventAsync());

        await router.ApplyAsync(Tables.Of("shop", 2, ("shop-green", green.Url)));

        // A clean end is the chunked body's final chunk; an aborted stream throws here instead.
        Assert.Null(await stream.NextEventAsync());
        Assert.Equal("green", await router.Client.GetStringAsync("/"));
        Assert.Equal(0, router.Runtime.ConnectionsOf("shop")["shop-green"].Total);
    }
}
