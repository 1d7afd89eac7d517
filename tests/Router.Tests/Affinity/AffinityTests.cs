using System.Net;
using Orchestrator.Router.Tests.Support;
using Xunit;

namespace Orchestrator.Router.Tests.Affinity;

public sealed class AffinityTests : IAsyncLifetime
{
    private readonly RouterHarness _router = new();

    public async Task InitializeAsync()
    {
        var green = await _router.BackendAsync("green");
        var blue = await _router.BackendAsync("blue");
        await _router.ApplyAsync(Tables.Of("shop", 2, ("shop-green", green.Url), ("shop-blue", blue.Url)) with { Affinity = true });
    }

    public Task DisposeAsync() => _router.DisposeAsync().AsTask();

    [Fact]
    public async Task Affinity_HeaderNamesDrainingDeployment_ReachesIt()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("X-Orch-Deployment", "shop-blue");

        Assert.Equal("blue", await SendAsync(request));
    }

    [Fact]
    public async Task Affinity_QueryNamesDrainingDeployment_ReachesIt() =>
        Assert.Equal("blue", await _router.Client.GetStringAsync("/?orch_deployment=shop-blue"));

    [Fact]
    public async Task Affinity_CookieNamesDrainingDeployment_ReachesIt()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", "orch_deployment=shop-blue");

        Assert.Equal("blue", await SendAsync(request));
    }

    [Theory]
    [InlineData("shop-unknown")]
    [InlineData("http://127.0.0.1:1")]
    [InlineData("")]
    public async Task Affinity_UnknownValue_FallsBackToActive(string value) =>
        Assert.Equal("green", await _router.Client.GetStringAsync($"/?orch_deployment={Uri.EscapeDataString(value)}"));

    [Fact]
    public async Task Affinity_Off_IgnoresTheHeader()
    {
        var green = await _router.BackendAsync("green2");
        var blue = await _router.BackendAsync("blue2");
        await _router.ApplyAsync(Tables.Of("shop", 3, ("shop-green", green.Url), ("shop-blue", blue.Url)));

        Assert.Equal("green2", await _router.Client.GetStringAsync("/?orch_deployment=shop-blue"));
    }

    private async Task<string> SendAsync(HttpRequestMessage request)
    {
        using var response = await _router.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
