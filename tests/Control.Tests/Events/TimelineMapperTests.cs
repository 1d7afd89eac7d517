using System.Collections.Immutable;
using Orchestrator.Actors.App;
using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Routing;
using Orchestrator.Events;
using Orchestrator.Routing;
using Xunit;

namespace Orchestrator.Control.Tests.Events;

public sealed class TimelineMapperTests
{
    private static readonly DateTimeOffset Written = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Happened = Written.AddSeconds(-1);

    [Fact]
    public void Map_ADeploymentEvent_TakesItsOwnTime_AndTheDeploymentOfItsPersistenceId()
    {
        var entry = TimelineMapper.Map(Stored("deployment-web-2", new DeploymentRetired(Happened, "replaced by web-3")), "web", previous: null);

        Assert.Equal(Happened, entry.At);
        Assert.Equal("web", entry.App);
        Assert.Equal("web-2", entry.DeploymentId);
        Assert.Equal("deployment.retired", entry.Kind);
        Assert.Equal("retired: replaced by web-3", entry.Summary);
    }

    [Fact]
    public void Map_AnEventWithoutATime_TakesTheJournalsWriteTime()
    {
        var entry = TimelineMapper.Map(Stored("deployment-web-2", new DeploymentProcessLaunched("web", 4242, 1)), "web", previous: null);

        Assert.Equal(Written, entry.At);
        Assert.Equal("process.launched", entry.Kind);
        Assert.Equal("web started (pid 4242)", entry.Summary);
    }

    [Fact]
    public void Map_AnAppEvent_NamesTheDeploymentItIsAbout()
    {
        var entry = TimelineMapper.Map(Stored("app-web", new AppDeploymentStarted("web-3", Happened)), "web", previous: null);

        Assert.Equal("web-3", entry.DeploymentId);
        Assert.Equal("app.deploy-started", entry.Kind);
    }

    [Fact]
    public void Map_ARouteTableWhoseActiveDeploymentChanged_IsASwitchFromThePreviousOne()
    {
        var before = new RouteTableChanged(Table(1, "web-1", "web-1"));
        var after = new RouteTableChanged(Table(2, "web-2", "web-1", "web-2"));

        var entry = TimelineMapper.Map(Stored("route-table-web", after), "web", before);

        Assert.Equal("route.switched", entry.Kind);
        Assert.Equal("web-2", entry.DeploymentId);
        Assert.Equal("traffic switched to web-2 from web-1 (route table v2)", entry.Summary);
    }

    [Fact]
    public void Map_ARouteTableThatADeploymentLeft_IsARemoval()
    {
        var before = new RouteTableChanged(Table(2, "web-2", "web-1", "web-2"));
        var after = new RouteTableChanged(Table(3, "web-2", "web-2"));

        var entry = TimelineMapper.Map(Stored("route-table-web", after), "web", before);

        Assert.Equal("route.removed", entry.Kind);
        Assert.Equal("web-1", entry.DeploymentId);
    }

    [Fact]
    public void Map_ARouteTableInWhichADeploymentBecameDraining_IsADrain()
    {
        var before = new RouteTableChanged(Table(2, "web-2", "web-2") with
        {
            Deployments = Table(2, "web-2", "web-1", "web-2").Deployments.SetItem("web-1", new DeploymentRoute("web-1", RouteState.Active, [])),
        });
        var after = new RouteTableChanged(Table(3, "web-2", "web-1", "web-2"));

        var entry = TimelineMapper.Map(Stored("route-table-web", after), "web", before);

        Assert.Equal("route.draining", entry.Kind);
        Assert.Equal("web-1", entry.DeploymentId);
        Assert.Equal("web-1 draining in the route table (route table v3)", entry.Summary);
    }

    [Fact]
    public void Map_ARouteTableWithOnlyNewDestinations_IsAnUpdate()
    {
        var table = Table(4, "web-2", "web-2");

        var entry = TimelineMapper.Map(Stored("route-table-web", new RouteTableChanged(table with { Version = 5 })), "web", new RouteTableChanged(table));

        Assert.Equal("route.updated", entry.Kind);
    }

    [Fact]
    public void Map_AnEventNoFamilyKnows_ShowsByItsManifestInsteadOfFailing()
    {
        var entry = TimelineMapper.Map(Stored("app-web", AppState.Empty), "web", previous: null);

        Assert.Equal("app-state-snapshot.v1", entry.Kind);
        Assert.Contains("app-state-snapshot.v1", entry.Summary, StringComparison.Ordinal);
        Assert.Equal(Written, entry.At);
    }

    [Fact]
    public void Map_AnEventWithoutAManifest_ShowsByItsTypeName()
    {
        var entry = TimelineMapper.Map(Stored("app-web", new NotYetKnown("x")), "web", previous: null);

        Assert.Equal(nameof(NotYetKnown), entry.Kind);
    }

    [Fact]
    public void Map_AnInterruptedHook_ReadsAsIts()
    {
        var entry = TimelineMapper.Map(
            Stored("deployment-web-2", new DeploymentHookFinished("pre_switch", "interrupted", "the orchestrator restarted while it ran", Written)),
            "web", previous: null);

        Assert.Equal("hook.interrupted", entry.Kind);
        Assert.Equal("pre_switch interrupted: the orchestrator restarted while it ran", entry.Summary);
    }

    [Fact]
    public void Map_AStackRunsAppStep_ShowsUnderThatApp()
    {
        var failed = new Orchestrator.Actors.Stacks.StackAppDeployFailed("run-1", "db", "db-261203-120000", "health check never passed", Written);

        var owner = StackTimeline.OwnerOf(failed, "planexe", only: null);
        var entry = TimelineMapper.Map(Stored("stack-planexe", failed), owner!, previous: null);

        Assert.Equal("db", entry.App);
        Assert.Equal("stack.app-failed", entry.Kind);
        Assert.Equal("db-261203-120000", entry.DeploymentId);
        Assert.Equal("stack run run-1: db failed: health check never passed", entry.Summary);
    }

    [Fact]
    public void OwnerOf_AStackEvent_FilteredByApp_KeepsOnlyThatAppsSteps()
    {
        var otherApp = new Orchestrator.Actors.Stacks.StackAppDeployStarted("run-1", "web", "web-1", Written);
        var ended = new Orchestrator.Actors.Stacks.StackRunEnded("run-1", "failed", Written);

        Assert.Null(StackTimeline.OwnerOf(otherApp, "planexe", only: "db"));
        Assert.Null(StackTimeline.OwnerOf(ended, "planexe", only: "db"));
        Assert.Equal("stack:planexe", StackTimeline.OwnerOf(ended, "planexe", only: null));
    }

    [Fact]
    public void Families_SummarizeEveryPersistedEventTypeOfTheDeploymentAndApp()
    {
        var unsummarized = typeof(DeploymentCreated).Assembly.GetTypes()
            .Where(t => t.Namespace is "Orchestrator.Actors.Deployment" or "Orchestrator.Actors.App" or "Orchestrator.Actors.Routing" or "Orchestrator.Actors.Stacks")
            .Where(t => typeof(Orchestrator.Actors.Persistence.IPersistedEvent).IsAssignableFrom(t) && t != typeof(AppState))
            .Where(t => !t.Name.EndsWith("Snapshot", StringComparison.Ordinal))
            .Select(t => t.Name)
            .Where(name => !Summarized.Contains(name))
            .ToList();

        Assert.Empty(unsummarized);
    }

    /// <summary>The event types the families have a summary for; a new one fails the test above until it gets one.</summary>
    private static readonly HashSet<string> Summarized =
    [
        nameof(DeploymentCreated), nameof(DeploymentPortsAllocated), nameof(DeploymentProcessLaunched), nameof(DeploymentProcessSurvived),
        nameof(DeploymentInstancePlaced), nameof(DeploymentActivated), nameof(DeploymentDrainStarted), nameof(DeploymentStopStarted),
        nameof(DeploymentRetired), nameof(DeploymentFailed), nameof(DeploymentProcessUnhealthy), nameof(DeploymentProcessRestarted),
        nameof(DeploymentProcessRestartScheduled), nameof(DeploymentRailwayServiceRecorded), nameof(DeploymentHookStarted),
        nameof(DeploymentHookFinished), nameof(DeploymentCanaryStarted), nameof(DeploymentCanaryPromoting), nameof(AppCanaryStarted), nameof(AppCanaryRolledBack), nameof(Orchestrator.Actors.Stacks.StackRunStarted), nameof(Orchestrator.Actors.Stacks.StackAppDeployStarted),
        nameof(Orchestrator.Actors.Stacks.StackAppDeploySucceeded), nameof(Orchestrator.Actors.Stacks.StackAppDeployFailed),
        nameof(Orchestrator.Actors.Stacks.StackRunEnded),
        nameof(AppDeploymentStarted), nameof(AppDeploymentActivated), nameof(AppDeploymentEnded), nameof(AppDeploymentsPruned),
        nameof(AppStopped), nameof(AppServicesStarted), nameof(AppServiceLaunched), nameof(RouteTableChanged),
    ];

    private static JournalEvent Stored(string persistenceId, object @event) => new(persistenceId, 1, Written, @event);

    private static RouteTable Table(long version, string active, params string[] deployments) =>
        new("web", version, "127.0.0.1:8080", [], false, active,
            deployments.ToImmutableDictionary(id => id, id => new DeploymentRoute(id, id == active ? RouteState.Active : RouteState.Draining, [])));

    private sealed record NotYetKnown(string Value);
}
