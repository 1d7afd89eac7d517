using System.Collections.Immutable;
using Orchestrator.Actors.Routing;
using Orchestrator.Routing;
using Xunit;

namespace Orchestrator.Actors.Tests.Routing;

public sealed class RouteTableDecisionsTests
{
    private const string App = "web";
    private static readonly RouteListener Listener = new("127.0.0.1:8182", ["example.test"], Affinity: true);
    private static readonly ImmutableArray<string> DestinationsA = ["http://127.0.0.1:18182"];
    private static readonly ImmutableArray<string> DestinationsB = ["http://127.0.0.1:18183"];

    [Fact]
    public void Activate_EmptyTable_MakesItActiveAtVersionOneWithTheListener()
    {
        var table = RouteTableDecisions.Activate(RouteTable.Empty(App), Activate("a", DestinationsA));

        Assert.Equal(1, table.Version);
        Assert.Equal("a", table.ActiveDeploymentId);
        Assert.Equal(RouteState.Active, table.Active?.State);
        Assert.Equal<string>(DestinationsA, table.Active!.Destinations);
        Assert.Equal("127.0.0.1:8182", table.Listen);
        Assert.Equal<string>(["example.test"], table.Hosts);
        Assert.True(table.Affinity);
    }

    [Fact]
    public void Activate_WithAnActiveOne_MovesThePreviousToDrainingAndBumpsTheVersion()
    {
        var first = RouteTableDecisions.Activate(RouteTable.Empty(App), Activate("a", DestinationsA));
        var second = RouteTableDecisions.Activate(first, Activate("b", DestinationsB));

        Assert.Equal(first.Version + 1, second.Version);
        Assert.Equal("b", second.ActiveDeploymentId);
        Assert.Equal(RouteState.Draining, second.Deployments["a"].State);
        Assert.Equal<string>(DestinationsA, second.Deployments["a"].Destinations);
        Assert.Equal(RouteState.Active, second.Deployments["b"].State);
        Assert.Equal(RouteState.Active, first.Deployments["a"].State);
    }

    [Fact]
    public void Activate_WithAWarmPath_PutsItOnTheActiveDeploymentOnly()
    {
        var first = RouteTableDecisions.Activate(RouteTable.Empty(App), Activate("a", DestinationsA) with { WarmPath = "/ping" });
        var second = RouteTableDecisions.Activate(first, Activate("b", DestinationsB) with { WarmPath = "/healthz" });

        Assert.Equal("/ping", first.Active!.WarmPath);
        Assert.Equal("/healthz", second.Active!.WarmPath);
        Assert.Equal("/ping", second.Deployments["a"].WarmPath);
        Assert.Null(RouteTableDecisions.RegisterDraining(second, new RegisterDrainingRoute(App, "a", DestinationsA, Listener)).Deployments["a"].WarmPath);
    }

    [Fact]
    public void Activate_ADrainingDeployment_SwapsTheTwo()
    {
        var table = Chain(
            t => RouteTableDecisions.Activate(t, Activate("a", DestinationsA)),
            t => RouteTableDecisions.Activate(t, Activate("b", DestinationsB)),
            t => RouteTableDecisions.Activate(t, Activate("a", DestinationsA)));

        Assert.Equal("a", table.ActiveDeploymentId);
        Assert.Equal(RouteState.Active, table.Deployments["a"].State);
        Assert.Equal(RouteState.Draining, table.Deployments["b"].State);
        Assert.Equal(2, table.Deployments.Count);
    }

    [Fact]
    public void Activate_TheActiveOneAgain_KeepsItActiveWithNewDestinations()
    {
        var table = Chain(
            t => RouteTableDecisions.Activate(t, Activate("a", DestinationsA)),
            t => RouteTableDecisions.Activate(t, Activate("a", DestinationsB)));

        Assert.Equal(2, table.Version);
        Assert.Equal(RouteState.Active, Assert.Single(table.Deployments).Value.State);
        Assert.Equal<string>(DestinationsB, table.Active!.Destinations);
    }

    [Fact]
    public void RegisterDraining_WithItsDeadline_PutsTheDeadlineInTheTable_AndReactivatingItClearsIt()
    {
        var deadline = new DateTimeOffset(2026, 12, 1, 12, 0, 15, TimeSpan.Zero);
        var active = RouteTableDecisions.Activate(
            RouteTableDecisions.Activate(RouteTable.Empty(App), Activate("a", DestinationsA)), Activate("b", DestinationsB));

        var draining = RouteTableDecisions.RegisterDraining(active, new RegisterDrainingRoute(App, "a", DestinationsA, Listener, deadline));
        var reactivated = RouteTableDecisions.Activate(draining, Activate("a", DestinationsA));

        Assert.Equal((RouteState.Draining, deadline), (draining.Deployments["a"].State, draining.Deployments["a"].DrainDeadline));
        Assert.Equal("b", draining.ActiveDeploymentId);
        Assert.Null(reactivated.Deployments["a"].DrainDeadline);
        Assert.Null(reactivated.Deployments["b"].DrainDeadline);
    }

    [Fact]
    public void RegisterDraining_EmptyTable_AddsItDrainingWithTheListenerAndNoActive()
    {
        var table = RouteTableDecisions.RegisterDraining(RouteTable.Empty(App), new RegisterDrainingRoute(App, "a", DestinationsA, Listener));

        Assert.Equal(1, table.Version);
        Assert.Null(table.ActiveDeploymentId);
        Assert.Equal(RouteState.Draining, table.Deployments["a"].State);
        Assert.Equal("127.0.0.1:8182", table.Listen);
    }

    [Fact]
    public void RegisterDraining_KeepsAnotherActiveAndItsListener()
    {
        var otherListener = new RouteListener("127.0.0.1:9999", [], Affinity: false);
        var table = Chain(
            t => RouteTableDecisions.Activate(t, Activate("b", DestinationsB)),
            t => RouteTableDecisions.RegisterDraining(t, new RegisterDrainingRoute(App, "a", DestinationsA, otherListener)));

        Assert.Equal("b", table.ActiveDeploymentId);
        Assert.Equal(RouteState.Draining, table.Deployments["a"].State);
        Assert.Equal("127.0.0.1:8182", table.Listen);
        Assert.True(table.Affinity);
    }

    [Fact]
    public void RegisterDraining_TheActiveOne_LeavesNoActive()
    {
        var table = Chain(
            t => RouteTableDecisions.Activate(t, Activate("a", DestinationsA)),
            t => RouteTableDecisions.RegisterDraining(t, new RegisterDrainingRoute(App, "a", DestinationsA, Listener)));

        Assert.Null(table.ActiveDeploymentId);
        Assert.Null(table.Active);
        Assert.Equal(RouteState.Draining, table.Deployments["a"].State);
    }

    [Fact]
    public void Remove_TheActiveOne_ClearsActiveDeploymentId()
    {
        var table = Chain(
            t => RouteTableDecisions.Activate(t, Activate("a", DestinationsA)),
            t => RouteTableDecisions.Remove(t, new RemoveRoute(App, "a")));

        Assert.Null(table.ActiveDeploymentId);
        Assert.Empty(table.Deployments);
        Assert.Equal(2, table.Version);
    }

    [Fact]
    public void Remove_ADrainingOne_KeepsTheActive()
    {
        var table = Chain(
            t => RouteTableDecisions.Activate(t, Activate("a", DestinationsA)),
            t => RouteTableDecisions.Activate(t, Activate("b", DestinationsB)),
            t => RouteTableDecisions.Remove(t, new RemoveRoute(App, "a")));

        Assert.Equal("b", table.ActiveDeploymentId);
        Assert.Equal<string>(["b"], table.Deployments.Keys);
    }

    [Fact]
    public void Clear_DropsEveryDeploymentButKeepsTheListener()
    {
        var table = Chain(
            t => RouteTableDecisions.Activate(t, Activate("a", DestinationsA)),
            t => RouteTableDecisions.Activate(t, Activate("b", DestinationsB)),
            RouteTableDecisions.Clear);

        Assert.Null(table.ActiveDeploymentId);
        Assert.Empty(table.Deployments);
        Assert.Equal(3, table.Version);
        Assert.Equal("127.0.0.1:8182", table.Listen);
    }

    [Fact]
    public void EveryChange_VersionStrictlyIncreases()
    {
        Func<RouteTable, RouteTable>[] changes =
        [
            t => RouteTableDecisions.Activate(t, Activate("a", DestinationsA)),
            t => RouteTableDecisions.Activate(t, Activate("b", DestinationsB)),
            t => RouteTableDecisions.Remove(t, new RemoveRoute(App, "a")),
            t => RouteTableDecisions.Remove(t, new RemoveRoute(App, "unknown")),
            t => RouteTableDecisions.RegisterDraining(t, new RegisterDrainingRoute(App, "a", DestinationsA, Listener)),
            RouteTableDecisions.Clear,
            RouteTableDecisions.Clear,
            t => RouteTableDecisions.Activate(t, Activate("c", DestinationsA)),
        ];

        var table = RouteTable.Empty(App);
        foreach (var change in changes)
        {
            var next = change(table);
            Assert.True(next.Version > table.Version, $"version {next.Version} after {table.Version}");
            table = next;
        }

        Assert.Equal(changes.Length, table.Version);
    }

    [Fact]
    public void Activate_AsCanary_KeepsTheActiveOneAndAddsTheCanaryWithItsRule()
    {
        var table = Chain(t => RouteTableDecisions.Activate(t, Activate("a", DestinationsA)), t => RouteTableDecisions.Activate(t, Canary("b", 20)));

        Assert.Equal(2, table.Version);
        Assert.Equal("a", table.ActiveDeploymentId);
        Assert.Equal(RouteState.Active, table.Deployments["a"].State);
        Assert.Equal(RouteState.Canary, table.Deployments["b"].State);
        Assert.Equal(new CanaryRoute("b", 20), table.Canary);
    }

    [Fact]
    public void Activate_TheCanary_PromotesItAndDrainsThePreviousActive()
    {
        var table = Chain(
            t => RouteTableDecisions.Activate(t, Activate("a", DestinationsA)),
            t => RouteTableDecisions.Activate(t, Canary("b", 20)),
            t => RouteTableDecisions.Activate(t, Activate("b", DestinationsB)));

        Assert.Equal("b", table.ActiveDeploymentId);
        Assert.Equal(RouteState.Active, table.Deployments["b"].State);
        Assert.Equal(RouteState.Draining, table.Deployments["a"].State);
        Assert.Null(table.Canary);
    }

    [Fact]
    public void Activate_TheActiveOneAgain_KeepsTheCanary()
    {
        var table = Chain(
            t => RouteTableDecisions.Activate(t, Activate("a", DestinationsA)),
            t => RouteTableDecisions.Activate(t, Canary("b", 20)),
            t => RouteTableDecisions.Activate(t, Activate("a", DestinationsA)));

        Assert.Equal("a", table.ActiveDeploymentId);
        Assert.Equal("b", table.Canary?.DeploymentId);
    }

    [Fact]
    public void RegisterDraining_TheCanary_DropsItsRuleAndKeepsTheActiveOne()
    {
        var table = Chain(
            t => RouteTableDecisions.Activate(t, Activate("a", DestinationsA)),
            t => RouteTableDecisions.Activate(t, Canary("b", 20)),
            t => RouteTableDecisions.RegisterDraining(t, new RegisterDrainingRoute(App, "b", DestinationsB, Listener)));

        Assert.Equal("a", table.ActiveDeploymentId);
        Assert.Equal(RouteState.Draining, table.Deployments["b"].State);
        Assert.Null(table.Canary);
    }

    [Fact]
    public void Remove_TheCanary_DropsItsRule()
    {
        var table = Chain(
            t => RouteTableDecisions.Activate(t, Activate("a", DestinationsA)),
            t => RouteTableDecisions.Activate(t, Canary("b", 20)),
            t => RouteTableDecisions.Remove(t, new RemoveRoute(App, "b")));

        Assert.Equal("a", table.ActiveDeploymentId);
        Assert.False(table.Deployments.ContainsKey("b"));
        Assert.Null(table.Canary);
    }

    private static ActivateRoute Canary(string deploymentId, int percent) =>
        new(App, deploymentId, DestinationsB, Listener, Canary: new CanaryRoute(deploymentId, percent));

    private static ActivateRoute Activate(string deploymentId, ImmutableArray<string> destinations) =>
        new(App, deploymentId, destinations, Listener);

    private static RouteTable Chain(params Func<RouteTable, RouteTable>[] changes) =>
        changes.Aggregate(RouteTable.Empty(App), (table, change) => change(table));
}
