using System.Net;
using Orchestrator.Actors.Routing;
using Orchestrator.Router.Routing;
using Orchestrator.Router.Tests.Connections;
using Orchestrator.Router.Tests.Support;
using Orchestrator.Routing;
using Xunit;

namespace Orchestrator.Router.Tests.Timeouts;

/// <summary>
/// The request timeout ends requests an app never answers with a 504, and only those: once the response headers
/// arrived (a stream) or the WebSocket is upgraded, no timeout applies. A parallel request that times out is the
/// clock that proves a stream stayed quiet for longer than the timeout.
/// </summary>
public sealed class RequestTimeoutTests
{
    // Long enough that a WebSocket upgrade or an SSE open answers within it on a loaded 2-core machine.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Request_AppNeverAnswers_504AfterTheTimeoutWithAClearBody()
    {
        await using var router = new RouterHarness();
        var blue = await router.BackendAsync("blue");
        await router.ApplyAsync(WithTimeout(Tables.Of("shop", 1, ("shop-blue", blue.Url))));

        using var response = await router.Client.GetAsync("/slow");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("deployment 'shop-blue' did not answer within 2s (request_timeout)\n", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, router.Runtime.ProxyErrorsOf("shop")["shop-blue"]);
        Assert.Equal("blue", await router.Client.GetStringAsync("/"));
    }

    [Fact]
    public void Route_TableWithoutATimeout_GetsTheDefaultOf100s()
    {
        var table = Tables.Of("shop", 1, ("shop-blue", "http://127.0.0.1:1"));

        Assert.Equal(TimeSpan.FromSeconds(100), new AppRoute(table, health: null).RequestTimeout);
        Assert.Equal(Timeout, new AppRoute(WithTimeout(table), health: null).RequestTimeout);
    }

    [Fact]
    public async Task Sse_QuietLongerThanTheTimeout_KeepsFlowing()
    {
        await using var router = new RouterHarness();
        var blue = await router.BackendAsync("blue");
        await router.ApplyAsync(WithTimeout(Tables.Of("shop", 1, ("shop-blue", blue.Url))));
        await using var stream = await SseStream.OpenAsync(router.Client, "/sse?count=2");
        Assert.Equal("data: blue-1", await stream.NextEventAsync());

        using var clock = await router.Client.GetAsync("/slow");
        Assert.Equal(HttpStatusCode.GatewayTimeout, clock.StatusCode);
        blue.ReleaseEvent();

        Assert.Equal("data: blue-2", await stream.NextEventAsync());
        Assert.Null(await stream.NextEventAsync());
    }

    [Fact]
    public async Task WebSocket_IdleLongerThanTheTimeout_StaysOpen()
    {
        await using var router = new RouterHarness();
        var blue = await router.BackendAsync("blue");
        await router.ApplyAsync(WithTimeout(Tables.Of("shop", 1, ("shop-blue", blue.Url))));
        using var socket = await WebSocketTests.ConnectAsync(router);
        Assert.Equal("ping", await WebSocketTests.EchoAsync(socket, "ping"));

        using var clock = await router.Client.GetAsync("/slow");
        Assert.Equal(HttpStatusCode.GatewayTimeout, clock.StatusCode);

        Assert.Equal("still here", await WebSocketTests.EchoAsync(socket, "still here"));
    }

    private static RouteTable WithTimeout(RouteTable table) => table with { RequestTimeout = Timeout };
}
