using System.Collections.Immutable;
using Orchestrator.Actors.Routing;
using Orchestrator.Routing;
using Xunit;

namespace Orchestrator.Actors.Tests.Routing;

public sealed class ConnectionCountsTests
{
    [Fact]
    public void Add_SumsEachKindAndTotal()
    {
        var sum = new ConnectionCounts(1, 2, 3, 4).Add(new ConnectionCounts(10, 20, 30, 40));

        Assert.Equal(new ConnectionCounts(11, 22, 33, 44), sum);
        Assert.Equal(66, sum.Total);
        Assert.Equal(0, ConnectionCounts.Zero.Total);
    }

    [Theory]
    [InlineData(true, 0, true)]
    [InlineData(true, 1, false)]
    [InlineData(false, 0, false)]
    public void DrainStatus_Idle_OnlyWhenFreshAndZero(bool fresh, int websockets, bool idle)
    {
        var status = new DrainStatus("a", new ConnectionCounts(0, websockets, 0), fresh);

        Assert.Equal(idle, status.Idle);
    }

    [Fact]
    public void RouteTable_Active_IsTheActiveDeploymentsRoute()
    {
        var route = new DeploymentRoute("a", RouteState.Active, ["http://127.0.0.1:1"]);
        var table = RouteTable.Empty("web") with
        {
            ActiveDeploymentId = "a",
            Deployments = ImmutableDictionary<string, DeploymentRoute>.Empty.Add("a", route),
        };

        Assert.Same(route, table.Active);
        Assert.Null(RouteTable.Empty("web").Active);
        Assert.Equal(0, RouteTable.Empty("web").Version);
    }
}
