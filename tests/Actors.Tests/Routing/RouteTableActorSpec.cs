using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.TestKit;
using Orchestrator.Actors.Routing;
using Orchestrator.Routing;
using Xunit;

namespace Orchestrator.Actors.Tests.Routing;

public sealed class RouteTableActorSpec : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private const string App = "web";
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);
    private static readonly RouteListener Listener = new("127.0.0.1:8182", [], Affinity: false);

    private TestProbe _replica = null!;

    public RouteTableActorSpec()
        : base(ClusterOfOne.Config)
    {
    }

    private string ReplicaId => Cluster.Get(Sys).SelfAddress.ToString();

    public async Task InitializeAsync()
    {
        await ClusterOfOne.JoinAsync(this, Sys, Cluster.Get(Sys).SelfAddress);
        _replica = await ClusterOfOne.SubscribeReplicaAsync(this);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task RouteTableActor_must_answer_an_activation_only_after_every_replica_acked()
    {
        var table = Sys.ActorOf(RouteTableActor.Props(App));
        var asker = CreateTestProbe();

        table.Tell(Activate("a"), asker.Ref);

        var published = await _replica.ExpectMsgAsync<RouteTablePublished>();
        Assert.Equal(1, published.Table.Version);
        Assert.Equal("a", published.Table.ActiveDeploymentId);
        Assert.Equal(table, _replica.LastSender);
        await asker.ExpectNoMsgAsync(Quiet);

        _replica.Reply(new RouteTableApplied(App, 1, ReplicaId));

        var updated = await asker.ExpectMsgAsync<RouteUpdated>();
        Assert.Equal(App, updated.App);
        Assert.Equal(1, updated.Table.Version);
        Assert.Equal("a", updated.Table.ActiveDeploymentId);
    }

    [Fact]
    public async Task RouteTableActor_must_publish_again_until_a_replica_that_missed_the_table_acks_it()
    {
        var table = Sys.ActorOf(RouteTableActor.Props(App));
        var asker = CreateTestProbe();
        table.Tell(Activate("a"), asker.Ref);

        // As if the first publication reached no one: the replica's subscription had not spread yet.
        await _replica.ExpectMsgAsync<RouteTablePublished>();
        var again = await _replica.ExpectMsgAsync<RouteTablePublished>(TimeSpan.FromSeconds(5));
        Assert.Equal(1, again.Table.Version);
        _replica.Reply(new RouteTableApplied(App, 1, ReplicaId));

        await asker.ExpectMsgAsync<RouteUpdated>();
        _replica.ReceiveWhile(TimeSpan.FromMilliseconds(600), m => m as RouteTablePublished);
        await _replica.ExpectNoMsgAsync(TimeSpan.FromSeconds(1.5));
    }

    [Fact]
    public async Task RouteTableActor_must_not_count_an_ack_from_a_replica_that_is_not_a_router_member()
    {
        var table = Sys.ActorOf(RouteTableActor.Props(App));
        var asker = CreateTestProbe();
        table.Tell(Activate("a"), asker.Ref);
        await _replica.ExpectMsgAsync<RouteTablePublished>();

        _replica.Reply(new RouteTableApplied(App, 1, "akka.tcp://elsewhere@127.0.0.1:1"));
        await asker.ExpectNoMsgAsync(Quiet);
        _replica.Reply(new RouteTableApplied(App, 1, ReplicaId));

        await asker.ExpectMsgAsync<RouteUpdated>();
    }

    [Fact]
    public async Task RouteTableActor_must_fail_a_change_a_replica_rejected_with_its_reason()
    {
        var table = Sys.ActorOf(RouteTableActor.Props(App));
        var asker = CreateTestProbe();
        table.Tell(Activate("a"), asker.Ref);
        await _replica.ExpectMsgAsync<RouteTablePublished>();

        _replica.Reply(new RouteTableRejected(App, 1, ReplicaId, "cannot bind 127.0.0.1:8182: address already in use"));

        var failed = await asker.ExpectMsgAsync<RouteUpdateFailed>();
        Assert.Equal(App, failed.App);
        Assert.Equal(1, failed.Version);
        Assert.Contains("cannot bind 127.0.0.1:8182: address already in use", failed.Reason);
        Assert.Contains(ReplicaId, failed.Reason);
    }

    [Fact]
    public async Task RouteTableActor_must_publish_the_previous_active_as_draining_on_a_second_activation()
    {
        var table = Sys.ActorOf(RouteTableActor.Props(App));
        await ChangeAndAckAsync(table, Activate("a"), 1);

        var asker = CreateTestProbe();
        table.Tell(Activate("b"), asker.Ref);

        var published = await _replica.ExpectMsgAsync<RouteTablePublished>();
        Assert.Equal(2, published.Table.Version);
        Assert.Equal("b", published.Table.ActiveDeploymentId);
        Assert.Equal(RouteState.Draining, published.Table.Deployments["a"].State);
        Assert.Equal(RouteState.Active, published.Table.Deployments["b"].State);
        _replica.Reply(new RouteTableApplied(App, 2, ReplicaId));
        Assert.Equal(2, (await asker.ExpectMsgAsync<RouteUpdated>()).Table.Version);
    }

    [Fact]
    public async Task RouteTableActor_must_complete_older_changes_when_a_newer_version_is_acked()
    {
        var table = Sys.ActorOf(RouteTableActor.Props(App));
        var first = CreateTestProbe();
        var second = CreateTestProbe();
        table.Tell(Activate("a"), first.Ref);
        await _replica.ExpectMsgAsync<RouteTablePublished>(p => p.Table.Version == 1);
        table.Tell(Activate("b"), second.Ref);
        await _replica.ExpectMsgAsync<RouteTablePublished>(p => p.Table.Version == 2);

        _replica.Reply(new RouteTableApplied(App, 2, ReplicaId));

        await first.ExpectMsgAsync<RouteUpdated>();
        Assert.Equal(2, (await second.ExpectMsgAsync<RouteUpdated>()).Table.Version);
    }

    [Fact]
    public async Task RouteTableActor_must_report_a_drain_fresh_only_after_a_newer_connection_report()
    {
        var table = Sys.ActorOf(RouteTableActor.Props(App));
        await ChangeAndAckAsync(table, Activate("a"), 1);
        await ChangeAndAckAsync(table, Activate("b"), 2);
        table.Tell(Report(ReplicaId, ("a", new ConnectionCounts(9, 0, 0))));
        await table.Ask<RouteTable>(new GetRouteTable(App), RemainingOrDefault);
        var since = DateTimeOffset.UtcNow;

        var stale = await table.Ask<DrainStatus>(new GetDrainStatus(App, "a", since), RemainingOrDefault);
        Assert.False(stale.Fresh);
        Assert.False(stale.Idle);

        table.Tell(Report(ReplicaId, ("a", new ConnectionCounts(2, 1, 1)), ("b", new ConnectionCounts(7, 0, 0))));
        table.Tell(Report("akka.tcp://not-a-member@127.0.0.1:1", ("a", new ConnectionCounts(100, 0, 0))));
        var busy = await table.Ask<DrainStatus>(new GetDrainStatus(App, "a", since), RemainingOrDefault);
        Assert.True(busy.Fresh);
        Assert.Equal(new ConnectionCounts(2, 1, 1), busy.Connections);
        Assert.Equal(4, busy.Connections.Total);
        Assert.False(busy.Idle);

        table.Tell(Report(ReplicaId, ("b", new ConnectionCounts(7, 0, 0))));
        var idle = await table.Ask<DrainStatus>(new GetDrainStatus(App, "a", since), RemainingOrDefault);
        Assert.True(idle.Fresh);
        Assert.Equal(ConnectionCounts.Zero, idle.Connections);
        Assert.True(idle.Idle);
    }

    [Fact]
    public async Task RouteTableActor_must_keep_versions_growing_across_a_restart()
    {
        var table = Sys.ActorOf(RouteTableActor.Props(App));
        await ChangeAndAckAsync(table, Activate("a"), 1);
        await ChangeAndAckAsync(table, Activate("b"), 2);
        await WatchAsync(table);
        Sys.Stop(table);
        await ExpectTerminatedAsync(table);

        var restarted = Sys.ActorOf(RouteTableActor.Props(App));

        var republished = await _replica.ExpectMsgAsync<RouteTablePublished>();
        Assert.Equal(2, republished.Table.Version);
        Assert.Equal("b", republished.Table.ActiveDeploymentId);
        Assert.Equal(2, (await restarted.Ask<RouteTable>(new GetRouteTable(App), RemainingOrDefault)).Version);
        var updated = await ChangeAndAckAsync(restarted, new RemoveRoute(App, "a"), 3);
        Assert.Equal("b", updated.Table.ActiveDeploymentId);
        Assert.Equal(["b"], updated.Table.Deployments.Keys.ToArray());
    }

    [Fact]
    public async Task RouteTableActor_must_recover_its_last_table_after_more_changes_than_a_snapshot_spans()
    {
        var table = Sys.ActorOf(RouteTableActor.Props(App));
        for (var version = 1; version <= 105; version++)
        {
            await ChangeAndAckAsync(table, Activate(version % 2 == 0 ? "a" : "b"), version);
        }

        await WatchAsync(table);
        Sys.Stop(table);
        await ExpectTerminatedAsync(table);
        var restarted = Sys.ActorOf(RouteTableActor.Props(App));

        var republished = await _replica.ExpectMsgAsync<RouteTablePublished>();
        Assert.Equal(105, republished.Table.Version);
        Assert.Equal("b", republished.Table.ActiveDeploymentId);
        Assert.Equal(106, (await ChangeAndAckAsync(restarted, Activate("c"), 106)).Table.Version);
    }

    [Fact]
    public async Task RouteTableActor_must_republish_its_table_when_a_replica_starts()
    {
        var table = Sys.ActorOf(RouteTableActor.Props(App));
        await ChangeAndAckAsync(table, Activate("a"), 1);

        DistributedPubSub.Get(Sys).Mediator.Tell(new Publish(RouteTopics.Replicas, new ReplicaStarted(ReplicaId)));

        var republished = await _replica.ExpectMsgAsync<RouteTablePublished>();
        Assert.Equal(1, republished.Table.Version);
        Assert.Equal(table, _replica.LastSender);
    }

    [Fact]
    public async Task RouteTableActor_must_clear_the_active_deployment()
    {
        var table = Sys.ActorOf(RouteTableActor.Props(App));
        await ChangeAndAckAsync(table, Activate("a"), 1);

        var cleared = await ChangeAndAckAsync(table, new ClearRoutes(App), 2);

        Assert.Null(cleared.Table.ActiveDeploymentId);
        Assert.Empty(cleared.Table.Deployments);
    }

    private static ActivateRoute Activate(string deploymentId) =>
        new(App, deploymentId, [$"http://127.0.0.1:{18000 + deploymentId[0]}"], Listener);

    private static ConnectionCountsReport Report(string replicaId, params (string DeploymentId, ConnectionCounts Counts)[] counts) =>
        new(App, replicaId, counts.ToImmutableDictionary(c => c.DeploymentId, c => c.Counts));

    /// <summary>Sends a change, acks the version it publishes as the only replica, and returns the answer.</summary>
    private async Task<RouteUpdated> ChangeAndAckAsync(IActorRef table, IRouteTableCommand change, long expectedVersion)
    {
        var asker = CreateTestProbe();
        table.Tell(change, asker.Ref);
        // A republish of the version before (the table republishes to replicas it has not heard from) may come first.
        var published = await _replica.FishForMessageAsync<RouteTablePublished>(p => p.Table.Version == expectedVersion
            || (p.Table.Version == expectedVersion - 1 ? false : throw new Xunit.Sdk.XunitException($"published version {p.Table.Version}, expected {expectedVersion}")));
        Assert.Equal(expectedVersion, published.Table.Version);
        _replica.Reply(new RouteTableApplied(App, published.Table.Version, ReplicaId));
        var updated = await asker.ExpectMsgAsync<RouteUpdated>();
        Assert.Equal(expectedVersion, updated.Table.Version);
        return updated;
    }
}
