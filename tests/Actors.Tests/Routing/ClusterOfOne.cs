using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.TestKit;
using Orchestrator.Actors.Routing;
using Xunit;

namespace Orchestrator.Actors.Tests.Routing;

/// <summary>A node on loopback with the router and worker roles, in-memory persistence, joined to itself.</summary>
internal static class ClusterOfOne
{
    public const string Config = """
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp.port = 0
        akka.remote.dot-netty.tcp.hostname = 127.0.0.1
        akka.cluster.roles = [router, worker]
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        akka.coordinated-shutdown.exit-clr = off
        """;

    public static readonly TimeSpan UpTimeout = TimeSpan.FromSeconds(15);

    public static async Task JoinAsync(TestKitBase kit, ActorSystem system, Address seed)
    {
        Cluster.Get(system).Join(seed);
        await kit.AwaitAssertAsync(() => Assert.Equal(MemberStatus.Up, Cluster.Get(system).SelfMember.Status), UpTimeout);
    }

    /// <summary>A probe subscribed to <see cref="RouteTopics.Tables"/>, standing in for a router replica.</summary>
    public static async Task<TestProbe> SubscribeReplicaAsync(TestKitBase kit)
    {
        var replica = kit.CreateTestProbe("replica");
        DistributedPubSub.Get(kit.Sys).Mediator.Tell(new Subscribe(RouteTopics.Tables, replica.Ref), replica.Ref);
        await replica.ExpectMsgAsync<SubscribeAck>();
        return replica;
    }
}
