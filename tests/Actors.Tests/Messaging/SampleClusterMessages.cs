using System.Collections.Immutable;
using Akka.Actor;
using Orchestrator.Actors.App;
using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Hosts;
using Orchestrator.Actors.Processes;
using Orchestrator.Actors.Routing;
using Orchestrator.Actors.Stacks;
using Orchestrator.Config;
using Orchestrator.Routing;

namespace Orchestrator.Actors.Tests.Messaging;

/// <summary>One filled-in instance of every message nodes exchange: non-UTC times, non-empty collections, and nulls where allowed.</summary>
internal static class SampleClusterMessages
{
    private static readonly DateTimeOffset At = new(2025, 3, 1, 14, 5, 9, 123, TimeSpan.FromHours(2));

    private static readonly InstanceRelease Release = new("web", "/srv/web/r1", "abc123", "app = \"web\"\n", "/srv/web/r1/orch.toml");

    private static readonly InstancePlacement Placement = new(1, "akka.ssl.tcp://orch@10.0.0.6:4053", "http://10.0.0.6:18190", 18190, 4242, 638_764_000_000_000_000);

    private static readonly DeploymentRoute ActiveRoute = new("web-250301-120509", RouteState.Active, ["http://10.0.0.5:18182", "http://10.0.0.6:18182"]);

    private static readonly DeploymentRoute DrainingRoute = new("web-250228-090000", RouteState.Draining, ["http://10.0.0.5:18190"], new DateTimeOffset(2025, 2, 28, 9, 30, 0, TimeSpan.Zero));

    private static readonly DeploymentRoute CanaryRoute = new("web-250302-080000", RouteState.Canary, ["http://10.0.0.5:18191"]);

    private static readonly RouteTable Table = new(
        "web",
        7,
        "0.0.0.0:8182",
        ["example.test", "*.example.test"],
        true,
        ActiveRoute.DeploymentId,
        ImmutableDictionary<string, DeploymentRoute>.Empty.Add(ActiveRoute.DeploymentId, ActiveRoute).Add(DrainingRoute.DeploymentId, DrainingRoute)
            .Add(CanaryRoute.DeploymentId, CanaryRoute),
        Canary: new Orchestrator.Routing.CanaryRoute(CanaryRoute.DeploymentId, 20));

    private static readonly RouteListener Listener = new("0.0.0.0:8182", ["example.test"], true);

    private static readonly ProcessStatusSnapshot Redis =
        new("redis", ProcessPolicy.Service, 4243, ProcessState.Running, 1, null, null, At, "/var/lib/orch/logs/web/redis.log");

    private static readonly ProcessStatusSnapshot CrashedWorker =
        new("worker", ProcessPolicy.Companion, null, ProcessState.BackingOff, 3, 137, "SIGKILL", null, "/var/lib/orch/logs/web/worker.log");

    /// <summary>Every sample; messages that carry an actor reference carry <paramref name="progress"/>.</summary>
    public static ImmutableArray<object> All(IActorRef progress) =>
    [
        new DeployApp("web", Config(), "app = \"web\"\n", "/srv/web/orch.toml", "acme/web@abc1234", "abc1234", null, progress, new RailwayRelease(null, "acme/web", "abc1234"),
            new CanarySpec(0, "beta", "1")),
        new RollbackApp("web", "web-250228-090000", progress),
        new PromoteApp("web", progress),
        new StopApp("web"),
        new AppStopReply("web", "stopped web: 2 deployments, 1 service"),
        new GetAppStatus("web"),
        new RedeployApp("web", "web-250228-090000", progress),
        new RemoveDeployment("web", "web-250228-090000", "removed by orch railway remove"),
        new DeploymentRemoveReply(false, "web-250301-120509 is active: it serves the app's traffic", "deploy another release first"),
        StatusView(),
        new AppUnavailable("web", "it failed 4 times within 60s, last with InvalidActorNameException: Illegal actor name [a/b]"),
        new DeployRefused("a deploy of web is already running", null),
        new DeployProgressed(DeployProgressed.Step, "probing GET /ping", "web-250301-120509", "Probing"),
        new ActivateRoute("web", CanaryRoute.DeploymentId, CanaryRoute.Destinations, Listener, "/ping", new Orchestrator.Routing.CanaryRoute(CanaryRoute.DeploymentId, 20)),

        new RegisterDrainingRoute("web", DrainingRoute.DeploymentId, DrainingRoute.Destinations, Listener, DrainingRoute.DrainDeadline),
        new RemoveRoute("web", DrainingRoute.DeploymentId),
        new ClearRoutes("web"),
        new RouteUpdated("web", Table),
        new RouteUpdateFailed("web", 8, "replica router-10.0.0.6 did not apply version 8 within 10s"),
        new GetDrainStatus("web", DrainingRoute.DeploymentId, At),
        new DrainStatus(DrainingRoute.DeploymentId, new ConnectionCounts(2, 1, 0), true),
        new GetRouteTable("web"),
        Table,
        new RouteTablePublished(Table),
        new RouteTableApplied("web", 7, "router-10.0.0.5"),
        new RouteTableRejected("web", 7, "router-10.0.0.6", "0.0.0.0:8182 is in use"),
        new ConnectionCountsReport(
            "web",
            "router-10.0.0.5",
            ImmutableDictionary<string, ConnectionCounts>.Empty
                .Add(ActiveRoute.DeploymentId, new ConnectionCounts(12, 3, 1))
                .Add(DrainingRoute.DeploymentId, ConnectionCounts.Zero)),
        new ReplicaStarted("router-10.0.0.5"),
        GetRouterStatus.Instance,
        new RouterReplicaStatus(
            "akka.ssl.tcp://orch@10.0.0.5:4053",
            [
                new RouterStatus(
                    "akka.ssl.tcp://orch@10.0.0.5:4053",
                    4242,
                    new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero),
                    ["http://127.0.0.1:8182"],
                    ImmutableDictionary<string, long>.Empty.Add("web", 7),
                    ImmutableDictionary<string, string>.Empty.Add("api", "cannot listen on 127.0.0.1:8183: address already in use"),
                    Draining: false),
            ],
            RouterRuns: true),
        new StartInstance("web-250301-120509", 1, Release, Placement, [18182, 18190]),
        new InstancePortReserved("web-250301-120509", 1, 18190),
        new InstanceReady("web-250301-120509", Placement),
        new InstanceFailed("web-250301-120509", 2, "akka.ssl.tcp://orch@10.0.0.7:4053", "no free port for process 'web' on this host"),
        new InstanceRelaunched("web-250301-120509", Placement with { Pid = 4343 }),
        new StopInstance("web-250301-120509", 1, Release, Placement, At.AddSeconds(10)),
        new InstanceStopped("web-250301-120509", 1),
        new RunStack("planexe", [StackApp, StackApp with { App = "frontend", DependsOn = ["web"] }]),
        new StackRunAccepted("planexe", "planexe-250301-120509"),
        new StackRunRefused("stack 'planexe' is already running (run planexe-250301-120509)", "wait for it to end"),
        new GetStackStatus("planexe"),
        new StackStatusView("planexe", StackRun.Start(new StackRunStarted("planexe-250301-120509", [StackApp], At))
            .Apply(new StackAppDeployStarted("planexe-250301-120509", "web", "web-250301-120509", At))
            .Apply(new StackAppDeployFailed("planexe-250301-120509", "web", "web-250301-120509", "health never passed", At))
            .Apply(new StackRunEnded("planexe-250301-120509", StackRun.Failed, At.AddSeconds(9)))),
    ];

    private static StackRunApp StackApp => new("web", "app = \"web\"\n", "/srv/planexe/web/orch.toml", "/srv/releases/r1/web", "abc123", ["db"]);

    private static AppConfig Config() => new()
    {
        App = "web",
        Proxy = new ProxyConfig
        {
            Listen = "0.0.0.0:8182",
            Hosts = ["example.test"],
            HealthPath = "/ping",
            DrainTimeout = TimeSpan.FromSeconds(45),
            Affinity = true,
        },
        Processes =
        [
            new ProcessConfig
            {
                Id = "web",
                Policy = ProcessPolicy.Proxied,
                Command = "bin/web --port {{port}}",
                Port = new PortRange(18100, 18199),
                Env = ImmutableDictionary<string, string>.Empty.Add("RAILS_ENV", "production"),
                Health = new HealthConfig { Path = "/ping", Interval = TimeSpan.FromSeconds(2) },
                Restart = new RestartConfig { MaxRestarts = 5, BackoffFactor = 1.5 },
            },
            new ProcessConfig
            {
                Id = "worker",
                Policy = ProcessPolicy.Companion,
                Command = "bin/worker",
                Cwd = "{{release}}/jobs",
                GracefulStop = TimeSpan.FromSeconds(20),
            },
        ],
        Retention = new RetentionConfig { Keep = 3 },
    };

    private static AppStatusView StatusView() => new(
        "web",
        "akka.tcp://orch@10.0.0.5:4053",
        "0.0.0.0:8182",
        ActiveRoute.DeploymentId,
        null,
        [Redis],
        [
            new DeploymentStatusView(
                ActiveRoute.DeploymentId,
                "web",
                "abc123",
                DeploymentPhase.Active,
                "/srv/web/r1",
                At,
                At.AddSeconds(4),
                null,
                null,
                null,
                ImmutableDictionary<string, int>.Empty.Add("web", 18182),
                new ConnectionCounts(12, 3, 1),
                [Redis with { ProcessId = "web", Policy = ProcessPolicy.Proxied, Pid = 4250, LogPath = "/var/lib/orch/logs/web/web.log" }, CrashedWorker],
                null),
            new DeploymentStatusView(
                DrainingRoute.DeploymentId,
                "web",
                "9f8e7d",
                DeploymentPhase.Failed,
                "/srv/web/r0",
                At.AddDays(-1),
                null,
                null,
                null,
                At.AddDays(-1).AddSeconds(30),
                ImmutableDictionary<string, int>.Empty,
                ConnectionCounts.Zero,
                [],
                "health never passed: GET /ping answered 500"),
        ]);
}
