using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Router.Routing;
using Orchestrator.Routing;
using Xunit;

namespace Orchestrator.Router.Tests.Routing;

public sealed class DeploymentTargetTests
{
    private const string One = "http://127.0.0.1:1";
    private const string Two = "http://127.0.0.1:2";
    private const string Three = "http://127.0.0.1:3";

    private readonly DestinationHealth _health = new(NullLogger.Instance);

    [Fact]
    public void NextDestination_OneDown_SkipsIt()
    {
        var target = Target(One, Two, Three);
        _health.For(Two).MarkDown("test");

        Assert.DoesNotContain(Two, Next(target, 9));
        Assert.Equal([One, Three], Next(target, 9).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void NextDestination_AllDown_TakesAllInTurn()
    {
        var target = Target(One, Two);
        _health.For(One).MarkDown("test");
        _health.For(Two).MarkDown("test");

        Assert.Equal([One, Two, One, Two], Next(target, 4));
    }

    [Fact]
    public void NextDestination_BackUp_TakesItAgain()
    {
        var target = Target(One, Two);
        _health.For(Two).MarkDown("test");
        _health.For(Two).MarkUp();

        Assert.Equal([One, Two, One, Two], Next(target, 4));
    }

    [Fact]
    public void NextDestination_NoWarmPath_NotProbed_MarkDownChangesNothing()
    {
        var target = new DeploymentTarget(new DeploymentRoute("shop-1", RouteState.Active, [One, Two]), _health);

        target.MarkDown(Two, "test");

        Assert.Equal([One, Two, One, Two], Next(target, 4));
        Assert.Empty(_health.Down);
    }

    [Fact]
    public void MarkDown_OneDestination_NotProbed()
    {
        var target = Target(One);

        target.MarkDown(One, "test");

        Assert.Equal([One, One], Next(target, 2));
        Assert.Empty(_health.Down);
    }

    [Fact]
    public void MarkDown_ProbedDestination_SkippedFromTheNextRequest()
    {
        var target = Target(One, Two);

        target.MarkDown(Two, "test");

        Assert.Equal([Two], _health.Down.AsEnumerable());
        Assert.Equal([One, One, One], Next(target, 3));
    }

    [Fact]
    public void RetryDestination_TakesTheNextUpAfterTheFailedOne_ElseTheNext_NoneWhenAlone()
    {
        var target = Target(One, Two, Three);
        Assert.Equal(Two, target.RetryDestination(One));

        _health.For(Two).MarkDown("test");
        Assert.Equal(Three, target.RetryDestination(One));

        _health.For(Three).MarkDown("test");
        Assert.Equal(Two, target.RetryDestination(One));

        Assert.Null(Target(One).RetryDestination(One));
    }

    private DeploymentTarget Target(params string[] destinations) =>
        new(new DeploymentRoute("shop-1", RouteState.Active, [.. destinations], WarmPath: "/health"), _health);

    private static string[] Next(DeploymentTarget target, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => target.NextDestination() ?? "none")];
}
