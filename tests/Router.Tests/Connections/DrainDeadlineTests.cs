using System.Net.WebSockets;
using Orchestrator.Actors.Routing;
using Orchestrator.Router.Tests.Support;
using Orchestrator.Routing;
using Xunit;

namespace Orchestrator.Router.Tests.Connections;

/// <summary>A draining deployment's table carries its drain deadline: the router closes it then, with no table change.</summary>
public sealed class DrainDeadlineTests
{
    [Fact]
    public async Task DrainingDeploymentWithADeadline_ItsWebSocketGets1012AtTheDeadline_WithoutANewTable()
    {
        await using var router = new RouterHarness();
        var blue = await router.BackendAsync("blue");
        var green = await router.BackendAsync("green");
        await router.ApplyAsync(Tables.Of("shop", 1, ("shop-blue", blue.Url)));
        using var socket = await WebSocketTests.ConnectAsync(router);
        Assert.Equal("ping", await WebSocketTests.EchoAsync(socket, "ping"));

        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(2);
        var draining = Tables.Of("shop", 2, ("shop-green", green.Url), ("shop-blue", blue.Url));
        await router.ApplyAsync(draining with
        {
            Deployments = draining.Deployments.SetItem("shop-blue", draining.Deployments["shop-blue"] with { DrainDeadline = deadline }),
        });
        Assert.Equal("still", await WebSocketTests.EchoAsync(socket, "still"));

        using var timeout = new CancellationTokenSource(Eventually.Timeout);
        var closed = await socket.ReceiveAsync(new byte[16], timeout.Token);
        Assert.Equal(WebSocketMessageType.Close, closed.MessageType);
        Assert.Equal((WebSocketCloseStatus)1012, closed.CloseStatus);
        Assert.True(DateTimeOffset.UtcNow >= deadline && DateTimeOffset.UtcNow < deadline + TimeSpan.FromSeconds(1), $"closed {(deadline - DateTimeOffset.UtcNow).TotalMilliseconds:0} ms before the deadline");
        Assert.Equal(2, router.Runtime.Tables["shop"].Version);

        using var next = await WebSocketTests.ConnectAsync(router);
        Assert.Equal("pong", await WebSocketTests.EchoAsync(next, "pong"));
        Assert.Equal(new ConnectionCounts(0, 1, 0, Requests: 1), router.Runtime.ConnectionsOf("shop")["shop-green"]);
    }
}
