using System.Collections.Immutable;
using Orchestrator.Actors.App;
using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Hosts;
using Orchestrator.Actors.Processes;
using Orchestrator.Actors.Railway;
using Orchestrator.Actors.Routing;
using Orchestrator.Actors.Stacks;
using Orchestrator.Routing;

namespace Orchestrator.Actors.Tests.Persistence;

/// <summary>One filled-in instance of every persisted event, with non-UTC times and non-empty collections.</summary>
internal static class SampleEvents
{
    private static readonly DateTimeOffset At = new(2025, 3, 1, 14, 5, 9, 123, TimeSpan.FromHours(2));

    private static readonly RailwayServiceRecord RailwayService = new(
        "prj-1", "env-1", "svc-9", "shop-shop-250301-120509", "http://127.0.0.1:4000/graphql/v2", "dep-3", "shop-shop-250301-120509.railway.internal");

    public static readonly ImmutableArray<object> All =
    [
        new DeploymentCreated("web-250301-120509", "web", "/srv/web/r1", "abc123", "app = \"web\"\n", "/srv/web/r1/orch.toml", At,
            new Orchestrator.Config.RailwayRelease(null, "acme/web", "abc1234")),
        new DeploymentPortsAllocated(ImmutableDictionary<string, int>.Empty.Add("web", 18182).Add("admin", 18183)),
        new DeploymentProcessLaunched("web", 4242, 638_764_000_000_000_000),
        new DeploymentProcessSurvived("web", [new SurvivingProcess(4343, 638_764_000_000_000_001)]),
        new DeploymentActivated(At),
        new DeploymentCanaryStarted(0, "beta", "1", At),
        new DeploymentCanaryPromoting(At),
        new DeploymentDrainStarted(At, At.AddSeconds(60)),
        new DeploymentRetired(At, "drained: no connections left"),
        new DeploymentFailed(At, "health never passed: GET /ping answered 500"),
        new DeploymentProcessUnhealthy("web", "3 health checks in a row failed: GET http://127.0.0.1:18182/ping: no answer within 1000ms", At),
        new DeploymentProcessRestarted("web", "memory: RSS 600 MB above memory_limit 512 MB for 30s", At),
        new DeploymentStopStarted(At, "drained: no open connections", DeploymentPhase.Retired,
            ImmutableDictionary<string, DateTimeOffset>.Empty.Add("web", At.AddSeconds(5)).Add("worker", At.AddMinutes(30))),
        new DeploymentProcessRestartScheduled("worker", At.AddSeconds(2)),
        new DeploymentRailwayServiceRecorded("web", RailwayService),
        new DeploymentInstancePlaced(new InstancePlacement(1, "akka.ssl.tcp://orch@10.0.0.6:4053", "http://10.0.0.6:18190", 18190, 4242, 638_764_000_000_000_000)),
        new DeploymentHookStarted("pre_switch", "exec:bin/migrate", At),
        new DeploymentHookFinished("pre_switch", "failed", "exec:bin/migrate exited with 3", At.AddSeconds(4)),
        new RailwayDeletionRequested(new QueuedDeletion(RailwayService, "shop", "shop-250301-120509", "retired: replaced by shop-250302-080000", At)),
        new RailwayServiceDeleted(RailwayService.ServiceId, At.AddSeconds(3)),
        new AppDeploymentStarted("web-250301-120509", At),
        new AppDeploymentActivated("web-250301-120509", "127.0.0.1:8182", At),
        new AppDeploymentEnded("web-250301-120509", AppState.RetiredOutcome, At),
        new AppCanaryStarted("web-250302-080000", At),
        new AppCanaryRolledBack("web-250302-080000", At),
        new AppDeploymentsPruned(["web-250101-000000", "web-250102-000000"]),
        new AppStopped(At),
        new AppServicesStarted("app = \"web\"\n", "/srv/web/orch.toml", "/srv/web/r1", "abc123",
            ImmutableDictionary<string, int>.Empty.Add("redis", 16379), At),
        new AppServiceLaunched("redis", 4243, 638_764_000_000_000_001),
        new RouteTableChanged(new RouteTable(
            "web",
            7,
            "127.0.0.1:8182",
            ["example.test", "*.example.test"],
            true,
            "web-250301-120509",
            ImmutableDictionary<string, DeploymentRoute>.Empty
                .Add("web-250301-120509", new DeploymentRoute("web-250301-120509", RouteState.Active, ["http://127.0.0.1:18182"]))
                .Add("web-250228-090000", new DeploymentRoute("web-250228-090000", RouteState.Draining, ["http://127.0.0.1:18190"]))
                .Add("web-250302-080000", new DeploymentRoute("web-250302-080000", RouteState.Canary, ["http://127.0.0.1:18191"])),
            TimeSpan.FromSeconds(3),
            new CanaryRoute("web-250302-080000", 20))),
        AppState.Empty
            .Apply(new AppDeploymentStarted("web-250228-090000", At))
            .Apply(new AppDeploymentActivated("web-250228-090000", "127.0.0.1:8182", At))
            .Apply(new AppDeploymentStarted("web-250301-120509", At))
            .Apply(new AppDeploymentEnded("web-250301-120509", AppState.FailedOutcome, At))
            .Apply(new AppServicesStarted("app = \"web\"\n", "/srv/web/orch.toml", "/srv/web/r1", "abc123",
                ImmutableDictionary<string, int>.Empty.Add("redis", 16379), At))
            .Apply(new AppServiceLaunched("redis", 4243, 638_764_000_000_000_001)),
        new StackRunStarted("planexe-250301-120509", [
            new StackRunApp("worker-plan", "app = \"worker-plan\"\n", "/srv/planexe/worker_plan/orch.toml", "/srv/releases/r1/worker_plan", "abc123", []),
            new StackRunApp("frontend", "app = \"frontend\"\n", "/srv/planexe/frontend/orch.toml", "/srv/releases/r1/frontend", "abc123", ["worker-plan"]),
        ], At),
        new StackAppDeployStarted("planexe-250301-120509", "worker-plan", "worker-plan-250301-120509", At),
        new StackAppDeploySucceeded("planexe-250301-120509", "worker-plan", "worker-plan-250301-120509", At.AddSeconds(3)),
        new StackAppDeployFailed("planexe-250301-120509", "frontend", "frontend-250301-120512", "health never passed: GET /ping answered 500", At.AddSeconds(9)),
        new StackRunEnded("planexe-250301-120509", StackRun.Failed, At.AddSeconds(9)),
    ];
}
