using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Control.Contracts;
using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.Cluster;

/// <summary>Starts the five-node cluster once for every test of the "edge cluster" collection; each test leaves all five up.</summary>
public sealed class EdgeClusterFixture : IAsyncLifetime
{
    internal EdgeCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await EdgeCluster.StartAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class EdgeClusterCollection : ICollectionFixture<EdgeClusterFixture>
{
    public const string Name = "edge cluster";
}

/// <summary>
/// Three workers and two edge routers (<c>orch router --seed</c>): every node sees the same five members, each edge
/// router serves every app, and losing or freezing one edge router loses no request through the other.
/// </summary>
[Collection(EdgeClusterCollection.Name)]
public sealed class EdgeRouterTests(EdgeClusterFixture fixture) : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private EdgeCluster Cluster => fixture.Cluster;

    /// <summary>Each test starts from five members up, whatever the one before it left.</summary>
    public Task InitializeAsync() => Cluster.WaitAllUpAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<T> ReadJsonAsync<T>(OrchEnvironment node, params string[] args)
    {
        var run = await node.RunAsync(args);
        Assert.True(run.ExitCode == 0, $"orch {string.Join(' ', args)}: {run}");
        return JsonSerializer.Deserialize<T>(run.Stdout, Json) ?? throw new InvalidOperationException($"orch {string.Join(' ', args)} printed null");
    }

    [Fact]
    public async Task ClusterShow_FromEveryNode_ListsTheWorkersAndTheEdgeRoutersUp_WithTheirRoles()
    {
        foreach (var node in Cluster.Nodes)
        {
            // Another test of the collection may just have restarted a node: each node's view converges by gossip.
            var cluster = await Eventually.ValueAsync(
                () => node.ClusterAsync(),
                c => c.Members.Count(m => m.Status == "up") == 5,
                $"{node.Root} to see five members up");
            Assert.Equal(3, cluster.Members.Count(m => m.Status == "up" && m.Roles.SequenceEqual(["control", "worker"])));
            Assert.Equal(2, cluster.Members.Count(m => m.Status == "up" && m.Roles.SequenceEqual(["router"])));
        }

        // A worker without the router role runs no router process.
        Assert.All(Cluster.Workers, w => Assert.Null(w.RouterPid()));
    }

    [Fact]
    public async Task RegionStats_CountEveryAppEntity_AndEachAppsNodeShowsItsDeploymentAndProcessActors()
    {
        var apps = new[] { TestApp.Create("edge-inspect-a"), TestApp.Create("edge-inspect-b") };
        foreach (var app in apps)
        {
            await Cluster.DeployOkAsync(app, "r1");
        }

        var known = (await Cluster.Workers[0].StatusAsync()).Apps;
        var addresses = await Task.WhenAll(Cluster.Workers.Select(w => w.SelfAddressAsync()));
        var stats = await ReadJsonAsync<RegionStatsResponse>(Cluster.Routers[0], "cluster-sharding", "region-stats", "-r", "apps", "--json");
        Assert.Equal(known.Length, stats.Entities);
        Assert.Equal(addresses.Order(StringComparer.Ordinal), stats.Nodes.Select(n => n.Address).Order(StringComparer.Ordinal));
        Assert.All(stats.Nodes, n => Assert.Equal(known.Count(a => a.Node == n.Address), n.Entities));

        foreach (var app in apps)
        {
            var status = known.Single(a => a.App == app.App);
            var host = Cluster.Workers[Array.IndexOf(addresses, status.Node)];
            var tree = await ReadJsonAsync<ActorHierarchyResponse>(host, "actor", "hierarchy", "-s", "/system/sharding/apps", "--json");
            var deployment = $"/{app.App}/app/{status.ActiveDeploymentId}";
            Assert.Contains(tree.Actors, a => a.Path.EndsWith(deployment, StringComparison.Ordinal));
            Assert.Contains(tree.Actors, a => a.Path.EndsWith(deployment + "/web", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task RightAfterEachDeployReturns_NoRequestToEitherEdgeRouterReachesTheOldDeployment()
    {
        var app = TestApp.Create("edge-atomic") with { Drain = "30s" };
        await Cluster.DeployOkAsync(app, "r0");
        await using var load = LoadGenerator.Start(EdgeCluster.RouterOf(app, 0), clients: 4);
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
        for (var i = 1; i <= 5; i++)
        {
            var revision = $"r{i}";
            await Cluster.DeployOkAsync(app, revision, through: i % Cluster.Workers.Count);
            // New requests the moment the CLI said active: the old deployment drains and still answers, so a request
            // routed to it would succeed and show its revision.
            var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(router => client.GetStringAsync(EdgeCluster.RouterOf(app, router))));
            Assert.All(answers, a => Assert.Contains($"\"revision\":\"{revision}\"", a, StringComparison.Ordinal));
        }

        await load.StopAsync();
        Assert.True(load.Failures.Count == 0, $"through the deploys: {string.Join("; ", load.Failures.Take(5))}");
    }

    [Fact]
    public async Task FrozenEdgeRouter_IsNotWaitedFor_IsNamedByTheDeploy_AndServesTheNewReleaseOnceBack()
    {
        var app = TestApp.Create("edge-frozen") with { Drain = "60s" };
        await Cluster.DeployOkAsync(app, "r1");
        await using var throughFirst = LoadGenerator.Start(EdgeCluster.RouterOf(app, 0), clients: 5);
        await using var throughSecond = LoadGenerator.Start(EdgeCluster.RouterOf(app, 1), clients: 5);
        await Eventually.TrueAsync(() => Task.FromResult(throughFirst.AnsweredBy.ContainsKey("r1") && throughSecond.AnsweredBy.ContainsKey("r1")),
            "both edge routers to serve r1");

        var frozen = Cluster.Routers[1];
        var frozenPid = frozen.DaemonPid ?? throw new InvalidOperationException("the second edge router's node is not running");
        await Signals.StopAsync(frozenPid);
        CliResult deploy;
        try
        {
            deploy = await Cluster.Workers[1].DeployAsync(app, "r2");
        }
        finally
        {
            await Signals.ContinueAsync(frozenPid);
        }

        Assert.True(deploy.ExitCode == 0, $"the deploy with an edge router frozen failed: {deploy}\n{Cluster.Logs()}");
        Assert.Contains("unreachable", deploy.Stdout, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => Task.FromResult(throughFirst.AnsweredBy.ContainsKey("r2")), "the first edge router to serve r2");

        // Thawed, the node is either still a member (it gets the tables it missed) or was downed meanwhile and exited
        // (its router process kept serving r1, which drains for a minute); started again, it rejoins.
        await Eventually.TrueAsync(
            async () =>
            {
                if (frozen.DaemonPid is null)
                {
                    await frozen.StartDaemonAsync();
                }

                return throughSecond.AnsweredBy.ContainsKey("r2");
            },
            "the thawed edge router to serve r2",
            TimeSpan.FromSeconds(90));
        await Cluster.WaitAllUpAsync();
        await throughFirst.StopAsync();
        await throughSecond.StopAsync();
        Assert.True(throughFirst.Failures.Count == 0, $"through the first edge router: {string.Join("; ", throughFirst.Failures.Take(5))}");
        Assert.True(throughSecond.Failures.Count == 0, $"through the thawed edge router: {string.Join("; ", throughSecond.Failures.Take(5))}");
    }

    [Fact]
    public async Task KilledEdgeRouter_TheOtherLosesNoRequest_AndTheRestartedOneServesNoTableTheClusterMovedPast()
    {
        // r1 drains for a minute: a restarted router serving its saved (r1) table would answer from it, not fail.
        var app = TestApp.Create("edge-killed") with { Drain = "60s" };
        await Cluster.DeployOkAsync(app, "r1");
        await using var throughSecond = LoadGenerator.Start(EdgeCluster.RouterOf(app, 1), clients: 10);
        await Eventually.TrueAsync(() => Task.FromResult(throughSecond.Succeeded > 100), "load through the second edge router");

        var killed = Cluster.Routers[0];
        var routerPid = killed.RouterPid() ?? throw new InvalidOperationException("the first edge router runs no router process");
        await killed.KillDaemonAsync();
        await Signals.KillAsync(routerPid);
        await Cluster.DeployOkAsync(app, "r2", through: 2);
        await Eventually.TrueAsync(() => Task.FromResult(throughSecond.AnsweredBy.ContainsKey("r2")), "the second edge router to serve r2");

        var r2 = (await Cluster.Workers[0].AppAsync(app.App)).ActiveDeploymentId;

        // Knocking every few milliseconds from before the restart: the first connection it accepts is seen.
        await using (var knocking = RouterSampler.Start([EdgeCluster.RouterOf(app, 0)], TimeSpan.FromMilliseconds(2)))
        {
            await killed.StartDaemonAsync();
            await Eventually.TrueAsync(() => Task.FromResult(knocking.Ticks.Count(t => t.Deployments.Count > 0) > 50), "the restarted edge router to answer");
            await knocking.StopAsync();
            var answered = knocking.Ticks.SelectMany(t => t.Deployments).Distinct().ToList();
            Assert.True(answered.SequenceEqual([r2]), $"the restarted edge router answered from {string.Join(", ", answered)}, not only from r2 ({r2})");
        }

        await Cluster.WaitAllUpAsync();
        await Cluster.DeployOkAsync(app, "r3", through: 1);
        Assert.Contains("\"revision\":\"r3\"", await DeployHarness.GetAsync(EdgeCluster.RouterOf(app, 0)));
        await throughSecond.StopAsync();
        Assert.True(throughSecond.Failures.Count == 0, $"through the second edge router: {string.Join("; ", throughSecond.Failures.Take(5))}");
    }
}
