using System.Collections.Immutable;
using Microsoft.AspNetCore.Http;
using Orchestrator.Actors.Routing;
using Orchestrator.Router.Routing;
using Orchestrator.Router.Tests.Support;
using Orchestrator.Routing;
using Xunit;

namespace Orchestrator.Router.Tests.Routing;

public sealed class RouteSnapshotTests
{
    private static readonly RouteTable Shop =
        Tables.Of("shop", 3, ("shop-green", "http://127.0.0.1:18001"), ("shop-blue", "http://127.0.0.1:18000"));

    [Fact]
    public void Match_OneHostlessApp_AnyHostReachesItsActiveDeployment()
    {
        var route = Snapshot(Shop).Match(new HostString("anything.example:8080"));

        Assert.Equal("shop", route?.App);
        Assert.Equal("shop-green", route?.Active?.DeploymentId);
        Assert.Equal(["shop-blue", "shop-green"], route!.Deployments.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Match_NoActiveDeployment_RouteWithoutActive()
    {
        var route = Snapshot(Tables.WithoutActive(Shop)).Match(new HostString("localhost"));

        Assert.Equal("shop", route?.App);
        Assert.Null(route!.Active);
    }

    [Fact]
    public void Match_HostlessAndHostedApps_HostedWinsThenFirstHostlessByName()
    {
        var snapshot = Snapshot(
            Tables.Of("b", 1),
            Tables.Of("a", 1),
            Tables.Of("c", 1) with { Hosts = ["c.example"] });

        Assert.Equal("c", snapshot.Match(new HostString("C.Example:8182"))?.App);
        Assert.Equal("a", snapshot.Match(new HostString("other.example"))?.App);
        Assert.Equal("a", snapshot.Match(new HostString(""))?.App);
    }

    [Fact]
    public void Match_Wildcard_MatchesSubdomainsOnlyAndLosesToTheExactHost()
    {
        var snapshot = Snapshot(
            Tables.Of("any", 1) with { Hosts = ["*.example.com"] },
            Tables.Of("deep", 1) with { Hosts = ["*.api.example.com"] },
            Tables.Of("www", 1) with { Hosts = ["www.example.com"] });

        Assert.Equal("www", snapshot.Match(new HostString("www.example.com"))?.App);
        Assert.Equal("any", snapshot.Match(new HostString("shop.example.com"))?.App);
        Assert.Equal("deep", snapshot.Match(new HostString("v1.api.example.com"))?.App);
        Assert.Null(snapshot.Match(new HostString("example.com")));
        Assert.Null(snapshot.Match(new HostString("shop.example.org")));
    }

    [Fact]
    public void Match_SameHostInTwoApps_FirstByName()
    {
        var snapshot = Snapshot(
            Tables.Of("zeta", 1) with { Hosts = ["shop.example"] },
            Tables.Of("alpha", 1) with { Hosts = ["shop.example"] });

        Assert.Equal("alpha", snapshot.Match(new HostString("shop.example"))?.App);
    }

    [Fact]
    public void Match_OnlyHostedApps_OtherHostMatchesNothing() =>
        Assert.Null(Snapshot(Shop with { Hosts = ["shop.example"] }).Match(new HostString("127.0.0.1:8182")));

    [Fact]
    public void NextDestination_SeveralDestinations_TakesThemInTurn()
    {
        var deployment = new DeploymentRoute("shop-blue", RouteState.Active, ["http://127.0.0.1:1", "http://127.0.0.1:2", "http://127.0.0.1:1"]);
        var target = new DeploymentTarget(deployment, health: null);

        Assert.Equal(
            ["http://127.0.0.1:1", "http://127.0.0.1:2", "http://127.0.0.1:1", "http://127.0.0.1:2"],
            Enumerable.Range(0, 4).Select(_ => target.NextDestination()));
        Assert.Null(new DeploymentTarget(deployment with { Destinations = [] }, health: null).NextDestination());
    }

    private static RouteSnapshot Snapshot(params RouteTable[] tables) =>
        new(tables.ToImmutableDictionary(table => table.App), health: null);
}
