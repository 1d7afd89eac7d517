using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Cluster;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Actors.Routing;
using Orchestrator.Router.Feed;
using Orchestrator.Router.Tests.Support;
using Orchestrator.RouterProcess;
using Orchestrator.Routing;
using Xunit;

namespace Orchestrator.Router.Tests.Feed;

/// <summary>
/// A daemon's router replica and a router fed over a real unix socket: the replica acks a table once the router serves
/// it, rejects one the router refused, passes on the connections the router holds, and waits for a router that runs
/// but has not connected yet. The router keeps serving while the feed is away and catches up once it is back. Over TCP
/// the same, behind the daemon's bearer token.
/// </summary>
public sealed class RouterFeedSpec : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private const string Config = """
        akka.loglevel = WARNING
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp.hostname = 127.0.0.1
        akka.remote.dot-netty.tcp.port = 0
        """;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly RouterHarness _router = new();
    private readonly string _stateDirectory = Directory.CreateTempSubdirectory("orch-feed-").FullName;
    private readonly CancellationTokenSource _stopRouter = new();
    private RouterFeedServer? _server;
    private Task _routerFeed = Task.CompletedTask;
    private TestBackend _blue = null!;
    private TestBackend _green = null!;
    private IActorRef _feed = ActorRefs.Nobody;
    private string _replicaId = "";

    public RouterFeedSpec()
        : base(Config)
    {
    }

    public async Task InitializeAsync()
    {
        var cluster = Cluster.Get(Sys);
        cluster.Join(cluster.SelfAddress);
        await AwaitConditionAsync(() => Task.FromResult(cluster.SelfMember.Status == MemberStatus.Up), Timeout);
        _replicaId = cluster.SelfAddress.ToString();
        _blue = await _router.BackendAsync("blue");
        _green = await _router.BackendAsync("green");
        _feed = Sys.ActorOf(RouterFeedActor.Props(Sys.DeadLetters, Sys.DeadLetters), RouteTableActor.ReplicaName);
        _server = RouterFeedServer.Start(_stateDirectory, _feed);
    }

    public async Task DisposeAsync()
    {
        await _stopRouter.CancelAsync();
        await _routerFeed;
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await _router.DisposeAsync();
        Directory.Delete(_stateDirectory, recursive: true);
    }

    [Fact]
    public async Task Feed_must_ack_a_published_table_once_the_router_serves_it()
    {
        StartRouter();

        _feed.Tell(new RouteTablePublished(Tables.Of("shop", 1, ("shop-blue", _blue.Url))));

        await ExpectAppliedAsync(new RouteTableApplied("shop", 1, _replicaId));
        Assert.Equal("blue", await GetAsync("/"));
    }

    [Fact]
    public async Task Feed_must_ack_an_old_version_without_the_router_applying_it()
    {
        StartRouter();
        _feed.Tell(new RouteTablePublished(Tables.Of("shop", 2, ("shop-green", _green.Url), ("shop-blue", _blue.Url))));
        await ExpectAppliedAsync(new RouteTableApplied("shop", 2, _replicaId));

        _feed.Tell(new RouteTablePublished(Tables.Of("shop", 1, ("shop-blue", _blue.Url))));

        await ExpectAppliedAsync(new RouteTableApplied("shop", 1, _replicaId));
        Assert.Equal("green", await GetAsync("/"));
    }

    [Fact]
    public async Task Feed_must_reject_a_table_whose_listener_the_router_cannot_bind()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var listen = $"127.0.0.1:{((IPEndPoint)squatter.LocalEndpoint).Port}";
        StartRouter();

        _feed.Tell(new RouteTablePublished(Tables.Of("shop", 1, ("shop-blue", _blue.Url)) with { Listen = listen }));

        var rejected = await FishForMessageAsync<RouteTableRejected>(_ => true, Timeout);
        Assert.Equal(("shop", 1L), (rejected.App, rejected.Version));
        Assert.Contains($"router pid {Environment.ProcessId}", rejected.ReplicaId, StringComparison.Ordinal);
        Assert.Contains("address already in use", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feed_must_pass_on_the_connections_the_router_holds_to_the_tables_owner()
    {
        StartRouter();
        var owner = CreateTestProbe();
        _feed.Tell(new RouteTablePublished(Tables.Of("shop", 1, ("shop-blue", _blue.Url))), owner.Ref);
        await owner.FishForMessageAsync<RouteTableApplied>(_ => true, Timeout);

        var slow = GetAsync("/slow");

        await owner.FishForMessageAsync<ConnectionCountsReport>(
            report => report.ByDeployment.GetValueOrDefault("shop-blue") == new ConnectionCounts(1, 0, 0, Requests: 1), Timeout);
        _blue.ReleaseSlow();
        Assert.Equal("blue", await slow);
        await owner.FishForMessageAsync<ConnectionCountsReport>(
            report => report.ByDeployment.GetValueOrDefault("shop-blue")?.Total == 0, Timeout);
    }

    [Fact]
    public async Task Feed_must_wait_for_a_router_that_runs_but_has_not_connected_and_answer_at_once_when_none_runs()
    {
        _feed.Tell(new RouteTablePublished(Tables.Of("shop", 1, ("shop-blue", _blue.Url))));
        await ExpectNoMsgAsync(TimeSpan.FromSeconds(1));

        StartRouter();

        await ExpectAppliedAsync(new RouteTableApplied("shop", 1, _replicaId));
        await StopRouterAsync();
        _feed.Tell(new LocalRouterRuns(false));
        _feed.Tell(new RouteTablePublished(Tables.Of("shop", 2, ("shop-green", _green.Url))));
        await ExpectAppliedAsync(new RouteTableApplied("shop", 2, _replicaId));
        await FishForMessageAsync<ConnectionCountsReport>(report => report.ByDeployment.IsEmpty, Timeout);
    }

    [Fact]
    public async Task Router_must_keep_serving_while_the_feed_is_away_and_catch_up_once_it_is_back()
    {
        StartRouter();
        _feed.Tell(new RouteTablePublished(Tables.Of("shop", 1, ("shop-blue", _blue.Url))));
        await ExpectAppliedAsync(new RouteTableApplied("shop", 1, _replicaId));

        await _server!.DisposeAsync();
        _server = null;
        await WatchStopAsync(_feed);
        Assert.Equal("blue", await GetAsync("/"));

        _feed = Sys.ActorOf(RouterFeedActor.Props(Sys.DeadLetters, Sys.DeadLetters), RouteTableActor.ReplicaName);
        _server = RouterFeedServer.Start(_stateDirectory, _feed);
        _feed.Tell(new RouteTablePublished(Tables.Of("shop", 2, ("shop-green", _green.Url), ("shop-blue", _blue.Url))));

        await ExpectAppliedAsync(new RouteTableApplied("shop", 2, _replicaId));
        Assert.Equal("green", await GetAsync("/"));
    }

    [Fact]
    public async Task Feed_over_tcp_must_ack_a_table_once_a_router_with_the_token_serves_it()
    {
        await using var tcp = StartTcpFeed();
        var port = IPEndPoint.Parse(tcp.Address).Port;
        StartRouter(new TcpFeedSource("127.0.0.1", port, FeedToken));

        _feed.Tell(new RouteTablePublished(Tables.Of("shop", 1, ("shop-blue", _blue.Url))));

        await ExpectAppliedAsync(new RouteTableApplied("shop", 1, _replicaId));
        Assert.Equal("blue", await GetAsync("/"));
    }

    [Fact]
    public async Task Feed_over_tcp_must_answer_a_wrong_or_missing_token_with_one_error_line_and_close_before_any_table()
    {
        _feed.Tell(new LocalRouterRuns(false));
        _feed.Tell(new RouteTablePublished(Tables.Of("shop", 1, ("shop-blue", _blue.Url))));
        await ExpectAppliedAsync(new RouteTableApplied("shop", 1, _replicaId));
        await using var tcp = StartTcpFeed();
        var port = IPEndPoint.Parse(tcp.Address).Port;

        var wrong = await RawHelloAsync(port, "{\"token\":\"wrong-token-0123456789\"}");
        var missing = await RawHelloAsync(port, "{}");
        var refused = await Assert.ThrowsAsync<FeedRefusedException>(() => new TcpFeedSource("127.0.0.1", port, "wrong-token-0123456789").ConnectAsync(CancellationToken.None));

        foreach (var (lines, reason) in new[] { (wrong, "a wrong token"), (missing, "no token") })
        {
            var line = Assert.Single(lines);
            Assert.Contains("\"accepted\":false", line, StringComparison.Ordinal);
            Assert.Contains($"({reason} came with the hello); set ORCH_TOKEN", line, StringComparison.Ordinal);
            Assert.DoesNotContain(FeedToken, line, StringComparison.Ordinal);
        }

        Assert.Contains("ORCH_TOKEN", refused.Message, StringComparison.Ordinal);
    }

    private const string FeedToken = "feed-spec-token-0123456789";

    private RouterFeedServer StartTcpFeed() => RouterFeedServer.StartTcp(
        new IPEndPoint(IPAddress.Loopback, 0),
        new FeedTokenGate(Orchestrator.Config.BearerToken.Read("--feed-listen", null, FeedToken), NullLogger.Instance),
        _feed);

    /// <summary>Every line the feed sends after <paramref name="hello"/>, until it closes the connection.</summary>
    private static async Task<List<string>> RawHelloAsync(int port, string hello)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(hello + "\n"));
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(Timeout);
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    private void StartRouter(IFeedSource? source = null)
    {
        var client = new RouteFeedClient(
            _router.Runtime, new RouterProcessInfo(Environment.ProcessId, DateTimeOffset.UtcNow), saved: null,
            source ?? new UnixFeedSource(Orchestrator.Routing.Feed.RouterFeed.SocketPath(_stateDirectory)), NullLogger.Instance);
        _routerFeed = client.RunAsync(_stopRouter.Token);
    }

    private async Task StopRouterAsync()
    {
        await _stopRouter.CancelAsync();
        await _routerFeed;
    }

    private async Task WatchStopAsync(IActorRef actor)
    {
        Watch(actor);
        Sys.Stop(actor);
        await FishForMessageAsync<Terminated>(t => t.ActorRef.Equals(actor), Timeout);
    }

    private async Task<string> GetAsync(string path)
    {
        using var client = new HttpClient { BaseAddress = _router.Runtime.BoundAddressOf(Tables.AnyPort), Timeout = Timeout };
        return await client.GetStringAsync(path);
    }

    /// <summary>The next ack, past the connection counts the replica passes on with every report of the router.</summary>
    private async Task ExpectAppliedAsync(RouteTableApplied expected) =>
        Assert.Equal(expected, await FishForMessageAsync<RouteTableApplied>(_ => true, Timeout));
}
