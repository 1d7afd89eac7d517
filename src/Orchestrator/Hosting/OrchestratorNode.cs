using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Health;
using Orchestrator.Actors.Ports;
using Orchestrator.Control;
using Orchestrator.Control.Contracts;
using Orchestrator.Node;
using Orchestrator.Router;
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
        var ready = new TaskCompletionSource<NodeActors>(TaskCreationOptions.RunContinuationsAsynchronously);
        var info = new DaemonInfo(Environment.ProcessId, typeof(OrchestratorNode).Assembly.GetName().Version?.ToString() ?? "0.0.0",
            options.StateDirectory, DateTimeOffset.UtcNow, options.Journal.ToString());
        var plane = new ActorControlPlane(ready.Task, info, shutdown);

        ControlApiServer api;
        try
        {
            api = await ControlApiServer.StartAsync(plane, options.ControlSocketPath, options.ControlSocketMode, cancellationToken);
        }
        catch (DaemonAlreadyRunningException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }

        await using (api)
        {
            using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
            await using var router = new RouterRuntime(loggerFactory, options.ListenHost);
            using var healthClient = HealthProbe.CreateClient();
            var ports = new PortAllocator();
            var destinationHost = options.Cluster.Host.Contains(':', StringComparison.Ordinal) ? $"[{options.Cluster.Host}]" : options.Cluster.Host;
            using var host = BuildHost(options, router, routeTables =>
                new DeploymentServices(ports, routeTables, options.StateDirectory, healthClient, destinationHost));
            await host.StartAsync(cancellationToken);
            var system = host.Services.GetRequiredService<ActorSystem>();
            var registry = host.Services.GetRequiredService<ActorRegistry>();
            var removed = RemovedFromClusterAsync(system, shutdown);
            await WaitUntilUpAsync(system, options.Cluster, cancellationToken);
            ready.SetResult(new NodeActors(system, registry.Get<AppRegion>(), registry.Get<RouteTableRegion>()));
            var self = Cluster.Get(system).SelfAddress;
            Console.WriteLine($"orch daemon {info.Version} (pid {info.Pid}) ready: control {options.ControlSocketPath}, state {options.StateDirectory}, node {self}");

            try
            {
                await Task.Delay(Timeout.Infinite, shutdown.Token);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C, SIGTERM, `orch shutdown`, or this node was removed from the cluster: stop below.
            }

            await host.StopAsync(CancellationToken.None);
            if (!options.Journal.IsRedis)
            {
                StatePreparation.TakeBackup(new StateDirectory(options.StateDirectory), Console.Error);
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

    /// <summary>True when the actor system ended by itself (the node was downed), which stops the daemon too.</summary>
    private static async Task<bool> RemovedFromClusterAsync(ActorSystem system, CancellationTokenSource shutdown)
    {
        await system.WhenTerminated;
        var byItself = !shutdown.IsCancellationRequested;
        await shutdown.CancelAsync();
        return byItself;
    }

    private static IHost BuildHost(NodeOptions options, RouterRuntime router, Func<IActorRef, DeploymentServices> services)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddAkka(NodeActorSystem.SystemName, akka => NodeActorSystem.Configure(akka, options, router, services));
        return builder.Build();
    }

    private static async Task WaitUntilUpAsync(ActorSystem system, ClusterMembership cluster, CancellationToken cancellationToken)
    {
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Cluster.Get(system).RegisterOnMemberUp(() => up.TrySetResult());
        try
        {
            await up.Task.WaitAsync(ClusterUpTimeout, cancellationToken);
        }
        catch (TimeoutException) when (!cluster.IsClusterOfOne)
        {
            throw new TimeoutException(
                $"this node did not join the cluster within {ClusterUpTimeout.TotalSeconds:0}s: no seed node ({string.Join(", ", cluster.Seeds)}) answered. " +
                "Start the first seed node with itself as its first --seed, and check the addresses and firewall.");
        }
    }
}
