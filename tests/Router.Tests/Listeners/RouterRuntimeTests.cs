using System.Net;
using System.Net.Sockets;
using Orchestrator.Router.Listeners;
using Orchestrator.Router.Tests.Support;
using Xunit;

namespace Orchestrator.Router.Tests.Listeners;

public sealed class RouterRuntimeTests
{
    [Fact]
    public async Task ApplyAsync_ActiveDeployment_RoutesToIt()
    {
        await using var router = new RouterHarness();
        var blue = await router.BackendAsync("blue");

        await router.ApplyAsync(Tables.Of("shop", 1, ("shop-blue", blue.Url)));

        Assert.Equal("blue", await router.Client.GetStringAsync("/"));
    }

    [Fact]
    public async Task ApplyAsync_NewActiveDeployment_NextRequestHitsItWhileInFlightRequestOnOldCompletes()
    {
        await using var router = new RouterHarness();
        var blue = await router.BackendAsync("blue");
        var green = await router.BackendAsync("green");
        await router.ApplyAsync(Tables.Of("shop", 1, ("shop-blue", blue.Url)));
        var slow = router.Client.GetAsync("/slow");
        await Eventually.TrueAsync(() => blue.SlowStarted == 1, "the slow request reached blue");

        await router.ApplyAsync(Tables.Of("shop", 2, ("shop-green", green.Url), ("shop-blue", blue.Url)));

        Assert.Equal("green", await router.Client.GetStringAsync("/"));
        blue.ReleaseSlow();
        using var slowResponse = await slow;
        Assert.Equal(HttpStatusCode.OK, slowResponse.StatusCode);
        Assert.Equal("blue", await slowResponse.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ApplyAsync_ManySequentialRequests_AllSucceedOnKeptAliveConnections()
    {
        await using var router = new RouterHarness();
        var blue = await router.BackendAsync("blue");
        await router.ApplyAsync(Tables.Of("shop", 1, ("shop-blue", blue.Url)));
        var opened = 0;
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                Interlocked.Increment(ref opened);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = router.Client.BaseAddress };

        for (var i = 0; i < 500; i++)
        {
            Assert.Equal("blue", await client.GetStringAsync("/"));
        }

        Assert.Equal(1, opened);
    }

    [Fact]
    public async Task ApplyAsync_SameTableTwice_CompletesAndKeepsServing()
    {
        await using var router = new RouterHarness();
        var blue = await router.BackendAsync("blue");
        var table = Tables.Of("shop", 1, ("shop-blue", blue.Url));
        await router.ApplyAsync(table);

        await router.ApplyAsync(table);

        Assert.Equal("blue", await router.Client.GetStringAsync("/"));
    }

    [Fact]
    public async Task ApplyAsync_NoActiveDeployment_Answers503WithClearBody()
    {
        await using var router = new RouterHarness();
        var blue = await router.BackendAsync("blue");
        await router.ApplyAsync(Tables.Of("shop", 1, ("shop-blue", blue.Url)));

        await router.ApplyAsync(Tables.WithoutActive(Tables.Of("shop", 2, ("shop-blue", blue.Url))));

        using var response = await router.Client.GetAsync("/anything");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("no active deployment for app 'shop'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_DestinationRefuses_Answers502AndCountsIt()
    {
        await using var router = new RouterHarness();
        await router.ApplyAsync(Tables.Of("shop", 1, ("shop-dead", $"http://127.0.0.1:{FreePort()}")));

        using var response = await router.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("shop-dead", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, router.Runtime.ProxyErrorsOf("shop")["shop-dead"]);
    }

    [Fact]
    public async Task ApplyAsync_HostMatchesNoApp_Answers404WithClearBody()
    {
        await using var router = new RouterHarness();
        var blue = await router.BackendAsync("blue");
        await router.ApplyAsync(Tables.Of("shop", 1, ("shop-blue", blue.Url)) with { Hosts = ["shop.example"] });

        using var response = await router.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no app is routed for host", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_TwoAppsByHost_EachHostReachesItsApp()
    {
        await using var router = new RouterHarness();
        var shop = await router.BackendAsync("shop");
        var blog = await router.BackendAsync("blog");
        await router.ApplyAsync(Tables.Of("shop", 1, ("shop-1", shop.Url)) with { Hosts = ["shop.example"] });
        await router.ApplyAsync(Tables.Of("blog", 1, ("blog-1", blog.Url)) with { Hosts = ["blog.example"] });

        Assert.Equal("shop", await GetWithHostAsync(router.Client, "shop.example"));
        Assert.Equal("blog", await GetWithHostAsync(router.Client, "blog.example"));
    }

    [Fact]
    public async Task ApplyAsync_Proxied_SetsForwardedHeaders()
    {
        await using var router = new RouterHarness();
        var blue = await router.BackendAsync("blue");
        await router.ApplyAsync(Tables.Of("shop", 1, ("shop-blue", blue.Url)));

        var headers = await router.Client.GetStringAsync("/headers");

        Assert.Equal($"for=127.0.0.1;proto=http;host={router.Client.BaseAddress!.Authority}", headers);
    }

    [Fact]
    public async Task ApplyAsync_AddressInUse_ThrowsRouterListenException()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var listen = $"127.0.0.1:{((IPEndPoint)squatter.LocalEndpoint).Port}";
        await using var router = new RouterHarness();

        var error = await Assert.ThrowsAsync<RouterListenException>(
            () => router.Runtime.ApplyAsync(Tables.Of("shop", 1) with { Listen = listen }, CancellationToken.None));

        Assert.Equal($"cannot listen on {listen}: address already in use", error.Message);
    }

    [Fact]
    public async Task ApplyAsync_WithAListenPort_BindsThatPortInsteadOfTheTables()
    {
        await using var router = new RouterHarness();
        var blue = await router.BackendAsync("blue");
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        await using var runtime = new RouterRuntime(listenPort: port);

        await runtime.ApplyAsync(Tables.Of("shop", 1, ("shop-blue", blue.Url)) with { Listen = "127.0.0.1:1" }, CancellationToken.None);

        Assert.Equal(new Uri($"http://127.0.0.1:{port}"), runtime.BoundAddressOf("127.0.0.1:1"));
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = Eventually.Timeout };
        Assert.Equal("blue", await client.GetStringAsync("/"));
    }

    [Fact]
    public async Task RemoveAsync_LastAppOnListener_StopsTheListener()
    {
        await using var router = new RouterHarness();
        var blue = await router.BackendAsync("blue");
        await router.ApplyAsync(Tables.Of("shop", 1, ("shop-blue", blue.Url)));
        var address = router.Client.BaseAddress!;

        await router.Runtime.RemoveAsync("shop", CancellationToken.None);

        Assert.Null(router.Runtime.BoundAddressOf(Tables.AnyPort));
        await Assert.ThrowsAsync<HttpRequestException>(() => new HttpClient().GetAsync(address));
    }

    private static async Task<string> GetWithHostAsync(HttpClient client, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = host;
        using var response = await client.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
