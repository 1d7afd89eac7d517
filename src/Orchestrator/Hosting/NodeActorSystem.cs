using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Persistence.Sql;
using Akka.Remote.Hosting;
using Orchestrator.Actors.App;
using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Routing;
using Orchestrator.Router;
using Orchestrator.Router.Replica;

namespace Orchestrator.Hosting;

/// <summary>The node's actor system as one fluent chain: a cluster of one, two shard regions, the router replica.</summary>
internal static class NodeActorSystem
{
    public const string SystemName = "orch";
    public static readonly string[] Roles = [RouteTableActor.RouterRole, "worker"];

    public static void Configure(AkkaConfigurationBuilder akka, NodeOptions options, RouterRuntime router, Func<IActorRef, DeploymentServices> services)
    {
        akka.AddHocon(PersistenceConfig(options), HoconAddMode.Prepend)
            .AddHocon(HoconResources.Load("orch.conf"), HoconAddMode.Append)
            .WithRemoting("127.0.0.1", 0)
            .WithClustering(new ClusterOptions { Roles = Roles })
            .WithShardRegion<RouteTableRegion>(
                "route-tables",
                app => RouteTableActor.Props(app),
                new RouteTableMessageExtractor(),
                ShardOptions(rememberEntities: false))
            .WithShardRegion<AppRegion>(
                "apps",
                (_, registry) =>
                {
                    var deploymentServices = services(registry.Get<RouteTableRegion>());
                    return app => AppActor.Props(app, deploymentServices);
                },
                new AppMessageExtractor(),
                ShardOptions(rememberEntities: true))
            .WithActors((system, registry) =>
            {
                var cluster = Cluster.Get(system);
                cluster.Join(cluster.SelfAddress);
                var replica = system.ActorOf(RouteReplica.Props(router, cluster.SelfAddress.ToString()), "route-replica");
                registry.Register<RouteReplicaActor>(replica);
            });
    }

    /// <summary>Apps are remembered so they wake after a restart; route tables are woken by their deployments.</summary>
    private static ShardOptions ShardOptions(bool rememberEntities) => new()
    {
        RememberEntities = rememberEntities,
        RememberEntitiesStore = RememberEntitiesStore.Eventsourced,
        StateStoreMode = StateStoreMode.Persistence,
        Role = "worker",
    };

    private static Config PersistenceConfig(NodeOptions options)
    {
        if (options.Journal is { IsRedis: true } redis)
        {
            return ConfigurationFactory.ParseString($$"""
                akka.persistence.journal.plugin = "akka.persistence.journal.redis"
                akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.redis"
                akka.persistence.journal.redis { connection-string = "{{redis.RedisEndpoint}}", database = {{redis.RedisDatabase}} }
                akka.persistence.snapshot-store.redis { connection-string = "{{redis.RedisEndpoint}}", database = {{redis.RedisDatabase}} }
                """).WithFallback(HoconResources.Load("persistence-redis.conf"));
        }

        var journal = Path.Combine(options.StateDirectory, Actors.Defaults.JournalFileName);
        var connection = $"Data Source={journal};Pooling=True";
        return ConfigurationFactory.ParseString($$"""
            akka.persistence.journal.sql.connection-string = "{{connection}}"
            akka.persistence.snapshot-store.sql.connection-string = "{{connection}}"
            """).WithFallback(HoconResources.Load("persistence-sqlite.conf")).WithFallback(SqlPersistence.DefaultConfiguration);
    }
}
