using Orchestrator.Actors.Routing;
using Orchestrator.Router.Tests.Support;
using Orchestrator.Routing;
using Xunit;

namespace Orchestrator.Router.Tests.Connections;

/// <summary>
/// A switch lands on connections the router opened to the new deployment beforehand, as many as requests were in
/// flight to the old one, so its clients' next requests do not all open one at once.
/// </summary>
public sealed class ConnectionWarmingTests
{
    private const int InFlight = 5;

    [Fact]
    public async Task Switch_WithRequestsInFlight_OpensThatManyConnectionsToTheNewDeploymentFirst_AndItsRequestsUseThem()
    {
        await using var router = new RouterHarness();
        var blue = await router.BackendAsync("blue");
        var green = await router.BackendAsync("green");
        await router.ApplyAsync(Warm(Tables.Of("shop", 1, ("shop-blue", blue.Url))));
        var slow = Enumerable.Range(0, InFlight).Select(_ => router.Client.GetStringAsync("/slow")).ToArray();
        await Eventually.TrueAsync(() => blue.SlowStarted == InFlight, "the slow requests to reach blue");

        await router.ApplyAsync(Warm(Tables.Of("shop", 2, ("shop-green", green.Url), ("shop-blue", blue.Url))));

        Assert.Equal(InFlight, green.PingConnections.Count);
        Assert.All(await Task.WhenAll(Enumerable.Range(0, InFlight).Select(_ => router.Client.GetStringAsync("/"))), answer => Assert.Equal("green", answer));
        Assert.Subset(green.PingConnections.ToHashSet(), green.RootConnections.ToHashSet());
        for (var i = 0; i < InFlight; i++)
        {
            blue.ReleaseSlow();
        }

        Assert.All(await Task.WhenAll(slow), answer => Assert.Equal("blue", answer));
    }

    [Fact]
    public async Task Switch_WithNothingInFlight_OpensNothing()
    {
        await using var router = new RouterHarness();
        var blue = await router.BackendAsync("blue");
        var green = await router.BackendAsync("green");
        await router.ApplyAsync(Warm(Tables.Of("shop", 1, ("shop-blue", blue.Url))));
        Assert.Equal("blue", await router.Client.GetStringAsync("/"));

        await router.ApplyAsync(Warm(Tables.Of("shop", 2, ("shop-green", green.Url), ("shop-blue", blue.Url))));

        Assert.Empty(green.PingConnections);
        Assert.Equal("green", await router.Client.GetStringAsync("/"));
    }

    [Fact]
    public async Task Switch_ToADeploymentThatRefusesConnections_StillSwitches()
    {
        await using var router = new RouterHarness();
        var blue = await router.BackendAsync("blue");
        var gone = await router.BackendAsync("gone");
        var goneUrl = gone.Url;
        await gone.DisposeAsync();
        await router.ApplyAsync(Warm(Tables.Of("shop", 1, ("shop-blue", blue.Url))));
        var slow = router.Client.GetStringAsync("/slow");
        await Eventually.TrueAsync(() => blue.SlowStarted == 1, "the slow request to reach blue");

        await router.ApplyAsync(Warm(Tables.Of("shop", 2, ("shop-gone", goneUrl), ("shop-blue", blue.Url))));

        using var answer = await router.Client.GetAsync("/");
        Assert.Equal(System.Net.HttpStatusCode.BadGateway, answer.StatusCode);
        blue.ReleaseSlow();
        Assert.Equal("blue", await slow);
    }

    private static RouteTable Warm(RouteTable table) => table with
    {
        Deployments = table.Deployments.SetItem(table.ActiveDeploymentId!, table.Active! with { WarmPath = "/ping" }),
    };
}
