using Orchestrator.Control.Contracts;
using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.Cluster;

/// <summary>
/// A cluster of three real nodes keeping its state in one Redis: deploys through any node reach every router
/// replica without losing a request, and the apps of a crashed worker move to the other with their history.
/// </summary>
public sealed class ClusterOnRedisTests : IAsyncLifetime
{
    private RedisCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await RedisCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Deploys_ThroughTheEdgeNode_ReachEveryRouterReplica_AndLoseNoRequest()
    {
        var app = TestApp.Create("clustered") with { Drain = "5s" };
        await _cluster.DeployOkAsync(_cluster.Edge, app, "r1");
        await using var throughEdge = LoadGenerator.Start(app.BaseUri, clients: 10);
        await using var throughWorker = LoadGenerator.Start(RedisCluster.RouterOf(app, worker: 0), clients: 10);
        await Eventually.TrueAsync(() => Task.FromResult(throughEdge.Succeeded > 100 && throughWorker.Succeeded > 100),
            "load to flow through the edge router and a worker's router");

        await _cluster.DeployOkAsync(_cluster.Edge, app, "r2");
        await _cluster.DeployOkAsync(_cluster.Workers[1], app, "r3");

        await Eventually.TrueAsync(() => Task.FromResult(throughEdge.AnsweredBy.ContainsKey("r3") && throughWorker.AnsweredBy.ContainsKey("r3")),
            "both routers to serve the last release");
        await throughEdge.StopAsync();
        await throughWorker.StopAsync();
        AssertNoFailures(throughEdge, "the edge router");
        AssertNoFailures(throughWorker, "a worker's router", _cluster.Workers[0]);
        Assert.Contains("\"revision\":\"r3\"", await DeployHarness.GetAsync(RedisCluster.RouterOf(app, worker: 1)));
        var status = await _cluster.Workers[0].AppAsync(app.App);
        Assert.Equal(["r3", "r2", "r1"], status.Deployments.Select(d => d.Revision));
    }

    [Fact]
    public async Task KilledWorker_ItsAppMovesToTheOtherWorker_WithItsHistoryFromRedis()
    {
        var app = TestApp.Create("failover") with { Drain = "5s" };
        await _cluster.DeployOkAsync(_cluster.Edge, app, "r1");
        var before = await _cluster.Edge.AppAsync(app.App);
        var (hostIndex, addresses) = await _cluster.Workers.HostOfAsync(before.Node);
        var host = _cluster.Workers[hostIndex];
        var survivor = addresses[1 - hostIndex];
        await using var load = LoadGenerator.Start(app.BaseUri, clients: 10);
        await Eventually.TrueAsync(() => Task.FromResult(load.Succeeded > 100), "load to flow through the edge router");

        await host.KillDaemonAsync();

        AppStatus moved;
        try
        {
            moved = await Eventually.ValueAsync(
                () => _cluster.Edge.AppAsync(app.App),
                a => a.Node == survivor && a.ActiveDeploymentId == before.ActiveDeploymentId,
                "the app to come back on the surviving worker with its active deployment",
                TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{_cluster.Logs()}", e);
        }

        Assert.Equal(before.Deployments.Select(d => d.Id), moved.Deployments.Select(d => d.Id));

        await _cluster.DeployOkAsync(_cluster.Edge, app, "r2");
        await Eventually.TrueAsync(() => Task.FromResult(load.AnsweredBy.ContainsKey("r2")), "the edge router to serve the release deployed after the failover");
        await load.StopAsync();
        AssertNoFailures(load, "the edge router");
    }

    private static void AssertNoFailures(LoadGenerator load, string through, OrchEnvironment? node = null) =>
        Assert.True(load.Failures.Count == 0,
            $"{load.Failures.Count} of {load.Succeeded + load.Failures.Count} requests through {through} failed, e.g.:\n{string.Join("\n", load.Failures.Take(10))}"
            + (node is null ? "" : $"\n--- its router's log ---\n{node.ReadRouterLog()}\n--- its daemon's log ---\n{node.ReadDaemonLog()}"));
}
