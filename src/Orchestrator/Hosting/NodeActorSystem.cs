using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Orchestrator.Actors.App;
using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Hosts;
using Orchestrator.Actors.Railway;
using Orchestrator.Actors.Routing;
using Orchestrator.Actors.Stacks;
using Orchestrator.Hosting.Tls;
using Orchestrator.Persistence.Sqlite;
using Orchestrator.RouterProcess;
using Orchestrator.State;

namespace Orchestrator.Hosting;

/// <summary>
/// The node's actor system as one fluent chain: a cluster (of one unless seeds are given), two shard regions
/// hosted on worker nodes (proxies elsewhere), and the route replica on router nodes. Remoting runs mutual TLS with
/// the cluster's certificate, so only a peer holding the same certificate and key is let in.
/// </summary>
internal static class NodeActorSystem
{
    public const string SystemName = "orch";
    public const string AppsType = "apps";
    public const string RouteTablesType = "route-tables";
    public const string StacksType = "stacks";

    /// <summary>The shard types every node starts: a region on a worker, a proxy elsewhere.</summary>
    public static readonly ImmutableArray<string> ShardTypes = [AppsType, RouteTablesType, StacksType];

    public static void Configure(
        AkkaConfigurationBuilder akka,
        NodeOptions options,
        ClusterCertificate certificate,
        RailwayRuntime? railway,
        Func<IActorRef, DeploymentServices> services)
    {
        var cluster = options.Cluster;
        akka.AddHocon(PersistenceConfig(options), HoconAddMode.Prepend)
            .AddHocon(HoconResources.Load("orch.conf"), HoconAddMode.Append)
            .WithRemoting(Remoting(cluster, certificate))
            .WithClustering(new ClusterOptions
            {
                // With the router role, this node is the replica that feeds the router process it runs next to it.
                Roles = [.. cluster.MemberRoles],
                SeedNodes = cluster.IsClusterOfOne ? null : [.. cluster.SeedAddresses(SystemName)],
            })
            .WithShardRegion<RouteTableRegion>(
                RouteTablesType,
                app => RouteTableActor.Props(app),
                new RouteTableMessageExtractor(),
                ShardOptions(rememberEntities: false))
            .WithShardRegion<AppRegion>(
                AppsType,
                (_, registry) =>
                {
                    var deploymentServices = services(registry.Get<RouteTableRegion>());
                    return app => AppSupervisor.Props(app, AppActor.Props(app, deploymentServices));
                },
                new AppMessageExtractor(),
                ShardOptions(rememberEntities: true))
            // Remembered like the apps: a stack whose run a restart interrupted wakes and resumes it by itself.
            .WithShardRegion<StackRegion>(
                StacksType,
                (_, registry) => stack => StackActor.Props(stack, registry.Get<AppRegion>()),
                new StackMessageExtractor(),
                ShardOptions(rememberEntities: true))
            .WithActors((system, registry) =>
            {
                var self = Cluster.Get(system);
                if (cluster.IsClusterOfOne)
                {
                    self.Join(self.SelfAddress);
                }

                if (cluster.IsRouter)
                {
                    registry.Register<RouterFeedActor>(system.ActorOf(
                        RouterFeedActor.Props(registry.Get<AppRegion>(), registry.Get<RouteTableRegion>()), RouteTableActor.ReplicaName));
                }

                if (cluster.IsWorker)
                {
                    system.ActorOf(HostAgent.Props(services(registry.Get<RouteTableRegion>())), HostAgent.Name);
                }

                railway?.StartJanitor(system);
                if (!options.Journal.IsRedis)
                {
                    system.ActorOf(JournalBackupActor.Props(new StateDirectory(options.StateDirectory), Defaults.JournalBackupDelay), "journal-backup");
                }
            });

        akka.AddHocon(SplitBrainConfig(cluster.EffectiveSplitBrain), HoconAddMode.Prepend);
        if (options.AkkaConfigPath is { } overrides)
        {
            akka.AddHocon(ConfigurationFactory.ParseString(File.ReadAllText(overrides)), HoconAddMode.Prepend);
        }

        // Last and on top: no --akka-config turns TLS off (the certificate and its check come from the setup above).
        akka.AddHocon(ConfigurationFactory.ParseString("akka.remote.dot-netty.tcp.enable-ssl = on"), HoconAddMode.Prepend);
    }

    internal static RemoteOptions Remoting(ClusterMembership cluster, ClusterCertificate certificate) => new()
    {
        HostName = cluster.Host,
        Port = cluster.Port,
        EnableSsl = true,
        Ssl = new SslOptions
        {
            X509Certificate = certificate.Certificate,
            RequireMutualAuthentication = true,
            ValidateCertificateHostname = false,
            CustomValidator = ClusterPeerValidation.PinnedTo(certificate),
        },
    };

    /// <summary>Both strategies weigh the daemons (role control) only: edge routers never decide which side goes on.</summary>
    private static Akka.Configuration.Config SplitBrainConfig(SplitBrainStrategy strategy) => ConfigurationFactory.ParseString($$"""
        akka.cluster.split-brain-resolver {
          active-strategy = {{strategy.HoconName()}}
          keep-majority.role = {{ClusterMembership.ControlRole}}
          keep-oldest.role = {{ClusterMembership.ControlRole}}
        }
        """);

    /// <summary>Apps are remembered so they wake after a restart; route tables are woken by their deployments.</summary>
    private static ShardOptions ShardOptions(bool rememberEntities) => new()
    {
        RememberEntities = rememberEntities,
        RememberEntitiesStore = RememberEntitiesStore.Eventsourced,
        StateStoreMode = StateStoreMode.Persistence,
        Role = ClusterMembership.WorkerRole,
    };

    private static Akka.Configuration.Config PersistenceConfig(NodeOptions options)
    {
        if (options.Journal is { IsRedis: true } redis)
        {
            return ConfigurationFactory.ParseString($$"""
                akka.persistence.journal.plugin = "akka.persistence.journal.redis"
                akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.redis"
                akka.persistence.journal.redis { connection-string = "{{redis.RedisConnectionString}}", database = {{redis.RedisDatabase}} }
                akka.persistence.snapshot-store.redis { connection-string = "{{redis.RedisConnectionString}}", database = {{redis.RedisDatabase}} }
                """).WithFallback(HoconResources.Load("persistence-redis.conf"));
        }

        var journal = Path.Combine(options.StateDirectory, Defaults.JournalFileName);
        return ConfigurationFactory.ParseString($$"""
            akka.persistence.journal.sqlite.connection-string = "Data Source={{journal}}"
            akka.persistence.snapshot-store.sqlite.connection-string = "Data Source={{journal}}"
            akka.persistence.snapshot-store.sqlite.class = "{{BackedUpSqliteSnapshotStore.ClassName}}"
            """).WithFallback(HoconResources.Load("persistence-sqlite.conf")).WithFallback(SqlitePersistence.DefaultConfiguration);
    }
}
