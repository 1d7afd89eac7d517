using System.Collections.Immutable;
using Orchestrator.Actors.Routing;
using Orchestrator.Router.Configuration;
using Orchestrator.Router.Tests.Support;
using Xunit;

namespace Orchestrator.Router.Tests.Configuration;

public sealed class ProxyConfigFactoryTests
{
    private static readonly RouteTable Shop =
        Tables.Of("shop", 3, ("shop-green", "http://127.0.0.1:18001"), ("shop-blue", "http://127.0.0.1:18000"));

    [Fact]
    public void Routes_OneAppTable_OneCatchAllRouteToTheActiveCluster()
    {
        var route = Assert.Single(ProxyConfigFactory.Routes(ImmutableDictionary<string, RouteTable>.Empty.Add("shop", Shop)));

        Assert.Equal("shop", route.RouteId);
        Assert.Equal("shop-green", route.ClusterId);
        Assert.Equal(ProxyConfigFactory.CatchAllPath, route.Match.Path);
        Assert.Null(route.Match.Hosts);
    }

    [Fact]
    public void Routes_NoActiveDeployment_RouteWithoutCluster()
    {
        var route = Assert.Single(ProxyConfigFactory.Routes(ImmutableDictionary<string, RouteTable>.Empty.Add("shop", Tables.WithoutActive(Shop))));

        Assert.Null(route.ClusterId);
    }

    [Fact]
    public void Clusters_EveryLiveDeployment_OneClusterWithItsDestinations()
    {
        var clusters = ProxyConfigFactory.Clusters(ImmutableDictionary<string, RouteTable>.Empty.Add("shop", Shop));

        Assert.Equal(["shop-blue", "shop-green"], clusters.Select(c => c.ClusterId));
        Assert.Equal("http://127.0.0.1:18001", Assert.Single(clusters[1].Destinations!).Value.Address);
    }

    [Fact]
    public void Routes_HostlessAndHostedApps_HostedWinsThenFirstByName()
    {
        var tables = ImmutableDictionary<string, RouteTable>.Empty
            .Add("b", Tables.Of("b", 1))
            .Add("a", Tables.Of("a", 1))
            .Add("c", Tables.Of("c", 1) with { Hosts = ["c.example"] });

        var orders = ProxyConfigFactory.Routes(tables).ToDictionary(r => r.RouteId, r => r.Order);

        Assert.Equal(0, orders["c"]);
        Assert.True(orders["a"] < orders["b"]);
    }
}
