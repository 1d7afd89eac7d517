using System.Net.WebSockets;
using System.Text;
using Orchestrator.Actors.Routing;
using Orchestrator.Router.Tests.Support;
using Orchestrator.Routing;
using Xunit;

namespace Orchestrator.Router.Tests.Connections;

public sealed class WebSocketTests
{
    [Fact]
    public async Task WebSocket_ThroughRouter_EchoesAndIsCounted()
    {
        await using var router = new RouterHarness();
        var blue = await router.BackendAsync("blue");
        await router.ApplyAsync(Tables.Of("shop", 1, ("shop-blue", blue.Url)));
        using var socket = await ConnectAsync(router);

        Assert.Equal("ping", await EchoAsync(socket, "ping"));
        Assert.Equal(new ConnectionCounts(0, 1, 0, Requests: 1), router.Runtime.ConnectionsOf("shop")["shop-blue"]);

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        await Eventually.TrueAsync(() => router.Runtime.ConnectionsOf("shop")["shop-blue"].Total == 0, "the closed socket is no longer counted");
    }

    [Fact]
    public async Task ApplyAsync_DeploymentRemoved_ClosesItsWebSocketWith1012_AndTheNextGoesToTheActive()
    {
        await using var router = new RouterHarness();
        var blue = await router.BackendAsync("blue");
        var green = await router.BackendAsync("green");
        await router.ApplyAsync(Tables.Of("shop", 1, ("shop-blue", blue.Url)));
        using var socket = await ConnectAsync(router);
        Assert.Equal("ping", await EchoAsync(socket, "ping"));

        await router.ApplyAsync(Tables.Of("shop", 2, ("shop-green", green.Url)));

        using var timeout = new CancellationTokenSource(Eventually.Timeout);
        var closed = await socket.ReceiveAsync(new byte[16], timeout.Token);
        Assert.Equal(WebSocketMessageType.Close, closed.MessageType);
        Assert.Equal((WebSocketCloseStatus)1012, closed.CloseStatus);
        Assert.Equal("service restart", closed.CloseStatusDescription);

        using var next = await ConnectAsync(router);
        Assert.Equal("pong", await EchoAsync(next, "pong"));
        Assert.Equal(new ConnectionCounts(0, 1, 0, Requests: 1), router.Runtime.ConnectionsOf("shop")["shop-green"]);
    }

    [Fact]
    public async Task ApplyAsync_DeploymentRemovedMidFrame_ClosesWith1012AfterTheWholeFrame()
    {
        // 16 MiB: the client reads only its first bytes before the deadline, so the router is most likely inside
        // the frame then (a close written at once instead fails this test); the rest must arrive within the grace.
        const int Size = 16 * 1024 * 1024;
        await using var router = new RouterHarness();
        var blue = await router.BackendAsync("blue");
        var green = await router.BackendAsync("green");
        await router.ApplyAsync(Tables.Of("shop", 1, ("shop-blue", blue.Url)));
        using var socket = await ConnectAsync(router);
        using var timeout = new CancellationTokenSource(Eventually.Timeout);
        await socket.SendAsync(Encoding.UTF8.GetBytes($"big:{Size}"), WebSocketMessageType.Text, true, timeout.Token);
        var first = new byte[64 * 1024];
        var started = await socket.ReceiveAsync(first, timeout.Token);
        Assert.False(started.EndOfMessage);

        await router.ApplyAsync(Tables.Of("shop", 2, ("shop-green", green.Url)));

        var message = new MemoryStream();
        message.Write(first, 0, started.Count);
        WebSocketReceiveResult received;
        do
        {
            var buffer = new byte[1024 * 1024];
            received = await socket.ReceiveAsync(buffer, timeout.Token);
            Assert.Equal(WebSocketMessageType.Binary, received.MessageType);
            message.Write(buffer, 0, received.Count);
        }
        while (!received.EndOfMessage);

        Assert.Equal(TestBackend.BigMessage(Size), message.ToArray());
        var closed = await socket.ReceiveAsync(new byte[16], timeout.Token);
        Assert.Equal(WebSocketMessageType.Close, closed.MessageType);
        Assert.Equal((WebSocketCloseStatus)1012, closed.CloseStatus);
    }

    [Fact]
    public async Task ApplyAsync_DeploymentRemovedWhileTheClientStopsReading_CutsTheConnectionAfterTheGrace()
    {
        // 256 MiB: more than every socket buffer between backend, router and client holds (tcp_rmem goes up to 32 MiB).
        const int Size = 256 * 1024 * 1024;
        await using var router = new RouterHarness();
        var blue = await router.BackendAsync("blue");
        var green = await router.BackendAsync("green");
        await router.ApplyAsync(Tables.Of("shop", 1, ("shop-blue", blue.Url)));
        using var socket = await ConnectAsync(router);
        // Generous: the backend fills a 256 MiB message before its first byte leaves, seconds on a loaded machine.
        using var timeout = new CancellationTokenSource(Eventually.Timeout * 3);
        await socket.SendAsync(Encoding.UTF8.GetBytes($"big:{Size}"), WebSocketMessageType.Text, true, timeout.Token);
        var started = await socket.ReceiveAsync(new byte[64 * 1024], timeout.Token);
        Assert.False(started.EndOfMessage);

        // The frame in flight cannot end while the client reads no more: the router gives up and cuts both sides.
        await router.ApplyAsync(Tables.Of("shop", 2, ("shop-green", green.Url)));

        await Eventually.TrueAsync(() => blue.WebSocketsOpen == 0, "the router still holds the stuck WebSocket open");
        // A token of its own: on a loaded machine the steps above may have used most of the first one.
        using var cut = new CancellationTokenSource(Eventually.Timeout * 3);
        await Assert.ThrowsAsync<WebSocketException>(async () =>
        {
            var buffer = new byte[1024 * 1024];
            while (true)
            {
                await socket.ReceiveAsync(buffer, cut.Token);
            }
        });
    }

    internal static async Task<ClientWebSocket> ConnectAsync(RouterHarness router)
    {
        var socket = new ClientWebSocket();
        var uri = new UriBuilder(router.Client.BaseAddress!) { Scheme = "ws", Path = "/ws" }.Uri;
        using var timeout = new CancellationTokenSource(Eventually.Timeout);
        await socket.ConnectAsync(uri, timeout.Token);
        return socket;
    }

    internal static async Task<string> EchoAsync(ClientWebSocket socket, string text)
    {
        using var timeout = new CancellationTokenSource(Eventually.Timeout);
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
        var buffer = new byte[1024];
        var received = await socket.ReceiveAsync(buffer, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, received.Count);
    }
}
