using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Health;
using Orchestrator.Actors.Ports;
using Orchestrator.Actors.Processes;
using Orchestrator.Actors.Railway;
using Orchestrator.Control;
using Orchestrator.Control.Contracts;
using Orchestrator.Hosting.Tls;
using Orchestrator.Node;
using Orchestrator.RouterProcess;
using Orchestrator.State;

namespace Orchestrator.Hosting;

/// <summary>Runs one node: the actor system, the router and the control API, until cancelled or shut down.</summary>
public static class OrchestratorNode
{
    private static readonly TimeSpan ClusterUpTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Returns the process exit code.</summary>
    public static async Task<int> RunAsync(NodeOptions options, CancellationToken cancellationToken)
    {
        if (options.Problems().ToList() is { Count: > 0 } problems)
        {
            foreach (var problem in problems)
            {
                await Console.Error.WriteLineAsync($"error: {problem}");
            }

            return 2;
        }

        var daemonLog = DaemonLog.FromEnvironment(out var logProblem);
        if (logProblem is not null)
        {
            await Console.Error.WriteLineAsync($"error: {logProblem}");
            return 2;
        }

        StateLock stateLock;
        try
        {
            // The state directory's lock before anything else: a second daemon with another --control path passes the
            // socket check, and must fail before it touches the journal or any process.
            stateLock = await StatePreparation.PrepareAsync(options, Console.Error);
        }
        catch (Exception e) when (e is StateDirectoryInUseException or StartRefusedException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 2;
        }

        using var heldLock = stateLock;
        using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var logRotation = daemonLog?.RotateAsync(Console.Error, shutdown.Token) ?? Task.CompletedTask;
        var ready = new TaskCompletionSource<NodeActors>(TaskCreationOptions.RunContinuationsAsynchronously);
        var info = new DaemonInfo(Environment.ProcessId, typeof(OrchestratorNode).Assembly.GetName().Version?.ToString() ?? "0.0.0",
            options.StateDirectory, DateTimeOffset.UtcNow, options.Journal.ToString());
        var plane = new ActorControlPlane(ready.Task, info, shutdown);

        ControlApiServer api;
        try
        {
            api = await ControlApiServer.StartAsync(plane, options.ControlSocketPath, options.ControlSocketMode, cancellationToken, remote: options.RemoteControl);
        }
        catch (DaemonAlreadyRunningException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }

        await using (api)
        {
            ClusterCertificate certificate;
            try
            {
                certificate = options.ClusterCertificatePath is { } path ? ClusterCertificate.Load(path) : ClusterCertificate.LoadOrCreate(options.StateDirectory);
            }
            catch (ClusterCertificateException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 2;
            }

            using var clusterCertificate = certificate;
            using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information)
                .AddFilter("Microsoft", LogLevel.Warning));
            using var healthClient = HealthProbe.CreateClient();
            var ports = new PortAllocator();
            var cgroups = DetectCgroups(options.StateDirectory);
            var destinationHost = options.Cluster.Host.Contains(':', StringComparison.Ordinal) ? $"[{options.Cluster.Host}]" : options.Cluster.Host;
            using var railwayHttp = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            var railway = options.RailwayToken is { } railwayToken ? new RailwayRuntime(railwayHttp, railwayToken, options.RailwayApiUrl) : null;
            using var host = BuildHost(options, certificate, railway, routeTables =>
                new DeploymentServices(ports, routeTables, options.StateDirectory, healthClient, destinationHost, cgroups, railway));
            await host.StartAsync(cancellationToken);
            var system = host.Services.GetRequiredService<ActorSystem>();
            var registry = host.Services.GetRequiredService<ActorRegistry>();
            var removed = RemovedFromClusterAsync(system, shutdown);
            if (!await WaitUntilUpAsync(system, options.Cluster, cancellationToken))
            {
                await host.StopAsync(CancellationToken.None);
                await Console.Error.WriteLineAsync(
                    $"orch daemon: this node stopped before it joined the cluster ({CoordinatedShutdown.Get(system).ShutdownReason}). " +
                    "If the TLS handshake with a seed failed (see above), this node's --cluster-cert is not the cluster's certificate: give every node the same file.");
                return 1;
            }

            var self = Cluster.Get(system).SelfAddress;

            var routerFeed = options.Cluster.IsRouter ? registry.Get<RouterFeedActor>() : null;
            await using var feedServer = routerFeed is not null ? RouterFeedServer.Start(options.StateDirectory, routerFeed) : null;
            RouterFeedServer? remoteFeedServer;
            try
            {
                remoteFeedServer = routerFeed is not null && options.RemoteFeed is { } remoteFeed
                    ? RouterFeedServer.StartTcp(remoteFeed.Endpoint, new FeedTokenGate(remoteFeed.Token, loggerFactory.CreateLogger("orch daemon")), routerFeed)
                    : null;
            }
            catch (System.Net.Sockets.SocketException e)
            {
                await host.StopAsync(CancellationToken.None);
                await Console.Error.WriteLineAsync($"error: cannot serve the router feed on --feed-listen {options.RemoteFeed?.Endpoint}: {e.Message}");
                return 2;
            }

            await using var remoteFeedServerInUse = remoteFeedServer;
            await using var localRouter = routerFeed is not null
                ? new LocalRouter(new RouterLaunch(options.StateDirectory, options.ListenHost), routerFeed, loggerFactory.CreateLogger("orch daemon"))
                : null;
            if (localRouter is not null)
            {
                await localRouter.StartAsync(cancellationToken);
            }

            ready.SetResult(new NodeActors(system, registry.Get<AppRegion>(), registry.Get<RouteTableRegion>(), localRouter, railway) { Stacks = registry.Get<StackRegion>() });
            Console.WriteLine($"orch daemon {info.Version} (pid {info.Pid}) ready: control {options.ControlSocketPath}, state {options.StateDirectory}, node {self}" +
                (remoteFeedServer is null ? "" : $", feed on {remoteFeedServer.Address}"));

            try
            {
                await Task.Delay(Timeout.Infinite, shutdown.Token);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C, SIGTERM, `orch shutdown`, or this node was removed from the cluster: stop below.
            }

            await host.StopAsync(CancellationToken.None);
            await logRotation;
            if (!options.Journal.IsRedis)
            {
                StatePreparation.TakeBackup(new StateDirectory(options.StateDirectory), Console.Error);
            }

            if (removed.IsCompletedSuccessfully && removed.Result && CoordinatedShutdown.Get(system).ShutdownReason is CoordinatedShutdown.ClusterLeavingReason)
            {
                await Console.Error.WriteLineAsync($"orch daemon: node {self} left the cluster (`orch cluster leave`); its apps were handed off to other nodes.");
                return 0;
            }

            if (removed.IsCompletedSuccessfully && removed.Result)
            {
                await Console.Error.WriteLineAsync(
                    $"orch daemon: node {self} was removed from the cluster (downed by the split brain resolver or `orch cluster down`); " +
                    "its apps moved to other nodes. Start it again to rejoin.");
                return 1;
            }
        }

        return 0;
    }

    /// <summary>Each process gets a cgroup under this daemon's own when cgroup v2 is writable; one line says which way it went.</summary>
    private static CgroupHierarchy? DetectCgroups(string stateDirectory)
    {
        var cgroups = CgroupHierarchy.Detect(stateDirectory, out var reason);
        Console.WriteLine(cgroups is not null
            ? $"orch daemon: each process runs in a cgroup of its own under {cgroups.Root}"
            : $"orch daemon: no cgroups ({reason}): a process that leaves its process group (setsid) survives its stop, " +
              "and status names it under `survivors`");
        return cgroups;
    }

    /// <summary>True when the actor system ended by itself (the node was downed), which stops the daemon too.</summary>
    private static async Task<bool> RemovedFromClusterAsync(ActorSystem system, CancellationTokenSource shutdown)
    {
        await system.WhenTerminated;
        var byItself = !shutdown.IsCancellationRequested;
        await shutdown.CancelAsync();
        return byItself;
    }

    private static IHost BuildHost(
        NodeOptions options, ClusterCertificate certificate, RailwayRuntime? railway, Func<IActorRef, DeploymentServices> services)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddAkka(NodeActorSystem.SystemName, akka => NodeActorSystem.Configure(akka, options, certificate, railway, services));
        return builder.Build();
    }

    /// <summary>True once this node is up; false when its actor system stopped first (e.g. a seed refused its certificate).</summary>
    private static async Task<bool> WaitUntilUpAsync(ActorSystem system, ClusterMembership cluster, CancellationToken cancellationToken)
    {
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Cluster.Get(system).RegisterOnMemberUp(() => up.TrySetResult());
        try
        {
            var first = await Task.WhenAny(up.Task, system.WhenTerminated).WaitAsync(ClusterUpTimeout, cancellationToken);
            return first == up.Task;
        }
        catch (TimeoutException) when (!cluster.IsClusterOfOne)
        {
            throw new TimeoutException(
                $"this node did not join the cluster within {ClusterUpTimeout.TotalSeconds:0}s: no seed node ({string.Join(", ", cluster.Seeds)}) answered. " +
                "Start the first seed node with itself as its first --seed, and check the addresses and firewall.");
        }
    }
}
