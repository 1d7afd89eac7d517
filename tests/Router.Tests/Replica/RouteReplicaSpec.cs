using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.PublishSubscribe;
using Orchestrator.Actors.Routing;
using Orchestrator.Router.Replica;
using Orchestrator.Router.Tests.Support;
using Xunit;

namespace Orchestrator.Router.Tests.Replica;

public sealed class RouteReplicaSpec : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private const string Config = """
        akka.loglevel = WARNING
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp.hostname = 127.0.0.1
        akka.remote.dot-netty.tcp.port = 0
        """;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly RouterHarness _router = new();
    private TestBackend _blue = null!;
    private TestBackend _green = null!;

    public RouteReplicaSpec()
        : base(Config)
    {
    }

    private IActorRef Mediator => DistributedPubSub.Get(Sys).Mediator;

    public async Task InitializeAsync()
    {
        var cluster = Cluster.Get(Sys);
        cluster.Join(cluster.SelfAddress);
        await AwaitConditionAsync(() => Task.FromResult(cluster.SelfMember.Status == MemberStatus.Up), Timeout);
        _blue = await _router.BackendAsync("blue");
        _green = await _router.BackendAsync("green");
    }

    public Task DisposeAsync() => _router.DisposeAsync().AsTask();

    [Fact]
    public async Task RouteReplica_must_announce_itself_then_apply_and_ack_a_published_table()
    {
        Mediator.Tell(new Subscribe(RouteTopics.Replicas, TestActor));
        await ExpectMsgAsync<SubscribeAck>(Timeout);
        Sys.ActorOf(RouteReplica.Props(_router.Runtime, "edge-1", new RouterProcessInfo(1, DateTimeOffset.UnixEpoch)));
        await ExpectMsgAsync(new ReplicaStarted("edge-1"), Timeout);

        Mediator.Tell(new Publish(RouteTopics.Tables, new RouteTablePublished(Tables.Of("shop", 1, ("shop-blue", _blue.Url)))));

        // It announces itself again once its member is up (a table may have changed meanwhile): skip those.
        Assert.Equal(new RouteTableApplied("shop", 1, "edge-1"), await FishForMessageAsync(m => m is not ReplicaStarted, Timeout));
        Assert.Equal("blue", await GetAsync("/"));
    }

    [Fact]
    public async Task RouteReplica_must_ack_an_old_version_without_applying_it()
    {
        var replica = Sys.ActorOf(RouteReplica.Props(_router.Runtime, "edge-1", new RouterProcessInfo(1, DateTimeOffset.UnixEpoch)));
        replica.Tell(new RouteTablePublished(Tables.Of("shop", 2, ("shop-green", _green.Url), ("shop-blue", _blue.Url))));
        await ExpectAppliedAsync(new RouteTableApplied("shop", 2, "edge-1"));

        replica.Tell(new RouteTablePublished(Tables.Of("shop", 1, ("shop-blue", _blue.Url))));

        await ExpectAppliedAsync(new RouteTableApplied("shop", 1, "edge-1"));
        Assert.Equal("green", await GetAsync("/"));
    }

    [Fact]
    public async Task RouteReplica_must_reject_a_table_whose_listener_cannot_bind()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var listen = $"127.0.0.1:{((IPEndPoint)squatter.LocalEndpoint).Port}";
        var replica = Sys.ActorOf(RouteReplica.Props(_router.Runtime, "edge-1", new RouterProcessInfo(1, DateTimeOffset.UnixEpoch)));

        replica.Tell(new RouteTablePublished(Tables.Of("shop", 1, ("shop-blue", _blue.Url)) with { Listen = listen }));

        var rejected = await ExpectMsgAsync<RouteTableRejected>(Timeout);
        Assert.Equal(("shop", 1L, "edge-1"), (rejected.App, rejected.Version, rejected.ReplicaId));
        Assert.Contains("address already in use", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RouteReplica_must_report_connection_counts_to_the_tables_sender()
    {
        var owner = CreateTestProbe();
        var replica = Sys.ActorOf(RouteReplica.Props(_router.Runtime, "edge-1", new RouterProcessInfo(1, DateTimeOffset.UnixEpoch)));
        replica.Tell(new RouteTablePublished(Tables.Of("shop", 1, ("shop-blue", _blue.Url))), owner.Ref);
        await owner.ExpectMsgAsync(new RouteTableApplied("shop", 1, "edge-1"), Timeout);

        var slow = GetAsync("/slow");

        await owner.FishForMessageAsync<ConnectionCountsReport>(
            report => report.ByDeployment.GetValueOrDefault("shop-blue") == new ConnectionCounts(1, 0, 0),
            Timeout);
        _blue.ReleaseSlow();
        Assert.Equal("blue", await slow);
        await owner.FishForMessageAsync<ConnectionCountsReport>(
            report => report.ByDeployment.GetValueOrDefault("shop-blue") == ConnectionCounts.Zero,
            Timeout);
    }

    private async Task<string> GetAsync(string path)
    {
        using var client = new HttpClient { BaseAddress = _router.Runtime.BoundAddressOf(Tables.AnyPort), Timeout = Timeout };
        return await client.GetStringAsync(path);
    }

    /// <summary>The next ack, past the connection counts the replica reports to a table's sender every 200 ms.</summary>
    private async Task ExpectAppliedAsync(RouteTableApplied expected) =>
        Assert.Equal(expected, await FishForMessageAsync<RouteTableApplied>(_ => true, Timeout));
}
