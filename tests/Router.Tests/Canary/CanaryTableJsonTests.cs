using System.Text.Json;
using Orchestrator.Routing;
using Orchestrator.Routing.Feed;
using Xunit;

namespace Orchestrator.Router.Tests.Canary;

/// <summary>The feed's and the saved tables' JSON: a canary round-trips, and a table saved before canaries still reads.</summary>
public sealed class CanaryTableJsonTests
{
    [Fact]
    public void Table_WithCanary_RoundTrips()
    {
        var table = new RouteTable("shop", 4, "127.0.0.1:8182", [], false, "shop-1",
            System.Collections.Immutable.ImmutableDictionary<string, DeploymentRoute>.Empty
                .Add("shop-1", new DeploymentRoute("shop-1", RouteState.Active, ["http://127.0.0.1:18182"]))
                .Add("shop-2", new DeploymentRoute("shop-2", RouteState.Canary, ["http://127.0.0.1:18183"])),
            Canary: new CanaryRoute("shop-2", CookieName: "beta", CookieValue: "1"));

        var json = JsonSerializer.Serialize(table, FeedJsonContext.Default.RouteTable);
        var read = JsonSerializer.Deserialize(json, FeedJsonContext.Default.RouteTable)!;

        Assert.Contains("\"state\":\"Canary\"", json);
        Assert.Equal(table.Canary, read.Canary);
        Assert.Equal(RouteState.Canary, read.Deployments["shop-2"].State);
    }

    [Fact]
    public void Table_SavedBeforeCanaries_ReadsWithNone()
    {
        const string json = """
            {"app":"shop","version":3,"listen":"127.0.0.1:8182","hosts":[],"affinity":false,"activeDeploymentId":"shop-1",
             "deployments":{"shop-1":{"deploymentId":"shop-1","state":"Active","destinations":["http://127.0.0.1:18182"]}}}
            """;

        var read = JsonSerializer.Deserialize(json, FeedJsonContext.Default.RouteTable)!;

        Assert.Null(read.Canary);
        Assert.Equal("shop-1", read.ActiveDeploymentId);
    }
}
