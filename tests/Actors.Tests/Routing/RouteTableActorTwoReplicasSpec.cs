using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.TestKit;
using Orchestrator.Actors.Routing;
using Orchestrator.Routing;
using Xunit;

namespace Orchestrator.Actors.Tests.Routing;

/// <summary>Two router members on loopback: a change needs both acks, a drain needs both reports.</summary>
public sealed class RouteTableActorTwoReplicasSpec : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private const string App = "web";
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    private ActorSystem _second = null!;
    private TestProbe _replica = null!;

    public RouteTableActorTwoReplicasSpec()
        : base(ClusterOfOne.Config)
    {
    }

    private string FirstId => Cluster.Get(Sys).SelfAddress.ToString();

    private string SecondId => Cluster.Get(_second).SelfAddress.ToString();

    public async Task InitializeAsync()
    {
        var seed = Cluster.Get(Sys).SelfAddress;
        await ClusterOfOne.JoinAsync(this, Sys, seed);
        _second = ActorSystem.Create(Sys.Name, ConfigurationFactory.ParseString("akka.cluster.roles = [router]")
            .WithFallback(ConfigurationFactory.ParseString(ClusterOfOne.Config)));
        await ClusterOfOne.JoinAsync(this, _second, seed);
        await AwaitAssertAsync(
            () => Assert.Equal(2, Cluster.Get(Sys).State.Members.Count(m => m.Status == MemberStatus.Up)),
            ClusterOfOne.UpTimeout);
        _replica = await ClusterOfOne.SubscribeReplicaAsync(this);
    }

    public async Task DisposeAsync() => await _second.Terminate();

    [Fact]
    public async Task RouteTableActor_must_wait_for_the_ack_of_every_router_member()
    {
        var table = Sys.ActorOf(RouteTableActor.Props(App));
        var asker = CreateTestProbe();

        table.Tell(new ActivateRoute(App, "a", ["http://127.0.0.1:18182"], new RouteListener("127.0.0.1:8182", [], false)), asker.Ref);
        await _replica.ExpectMsgAsync<RouteTablePublished>(p => p.Table.Version == 1);
        table.Tell(new RouteTableApplied(App, 1, FirstId));
        await asker.ExpectNoMsgAsync(Quiet);
        table.Tell(new RouteTableApplied(App, 1, SecondId));

        Assert.Equal(1, (await asker.ExpectMsgAsync<RouteUpdated>()).Table.Version);
    }

    [Fact]
    public async Task RouteTableActor_must_sum_the_connections_of_every_router_member()
    {
        var table = Sys.ActorOf(RouteTableActor.Props(App));
        var since = DateTimeOffset.UtcNow;

        table.Tell(Report(FirstId, new ConnectionCounts(1, 0, 2)));
        var half = await table.Ask<DrainStatus>(new GetDrainStatus(App, "a", since), RemainingOrDefault);
        table.Tell(Report(SecondId, new ConnectionCounts(3, 1, 0)));
        var both = await table.Ask<DrainStatus>(new GetDrainStatus(App, "a", since), RemainingOrDefault);
        table.Tell(Report(FirstId, ConnectionCounts.Zero));
        table.Tell(Report(SecondId, ConnectionCounts.Zero));
        var drained = await table.Ask<DrainStatus>(new GetDrainStatus(App, "a", since), RemainingOrDefault);

        Assert.False(half.Fresh);
        Assert.True(both.Fresh);
        Assert.Equal(new ConnectionCounts(4, 1, 2), both.Connections);
        Assert.False(both.Idle);
        Assert.True(drained.Idle);
    }

    private static ConnectionCountsReport Report(string replicaId, ConnectionCounts counts) =>
        new(App, replicaId, ImmutableDictionary<string, ConnectionCounts>.Empty.Add("a", counts));
}
