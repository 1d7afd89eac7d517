using System.Text.Json;
using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.Cluster;

/// <summary>
/// <c>placement = { replicas = 2 }</c> on the edge cluster: the proxied process runs on two workers, both edge routers
/// spread requests over both instances, deploys lose nothing, and the death of the host that runs the app's actor
/// (and its processes) during a drain moves the actor, keeps the drain's deadline and replaces the lost instance.
/// </summary>
[Collection(EdgeClusterCollection.Name)]
public sealed class ReplicaTests(EdgeClusterFixture fixture)
{
    private const string TwoReplicas = "placement = { replicas = 2 }";

    private EdgeCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task TwoReplicas_TenDeploysUnderLoadThroughBothEdgeRouters_LoseNothing_NeverReachTheOld_AndSpreadOverBothInstances()
    {
        var app = TestApp.Create("edge-replicas") with { TopLevel = TwoReplicas, Drain = "30s" };
        await Cluster.DeployOkAsync(app, "r0");
        await using var throughFirst = LoadGenerator.Start(EdgeCluster.RouterOf(app, 0), clients: 3);
        await using var throughSecond = LoadGenerator.Start(EdgeCluster.RouterOf(app, 1), clients: 3);
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
        for (var i = 1; i <= 10; i++)
        {
            var revision = $"r{i}";
            await Cluster.DeployOkAsync(app, revision, through: i % Cluster.Workers.Count);
            var status = await Cluster.Workers[0].AppAsync(app.App);
            var active = status.Deployments.Single(d => d.Id == status.ActiveDeploymentId);
            var web = active.Processes.Single(p => p.Id == "web");
            var other = active.Processes.Single(p => p.Id == "web#1");
            Assert.NotEqual(status.Node, other.Node);

            // Right after the deploy returned: every answer from either router comes from the new release, from both instances.
            var answers = await Task.WhenAll(Enumerable.Range(0, 2)
                .SelectMany(router => Enumerable.Repeat(EdgeCluster.RouterOf(app, router), 20))
                .Select(uri => client.GetStringAsync(uri)));
            var pids = answers.Select(Answer.Parse).ToList();
            Assert.All(pids, a => Assert.Equal(revision, a.Revision));
            Assert.Equal(new[] { web.Pid!.Value, other.Pid!.Value }.Order(), pids.Select(a => a.Pid).Distinct().Order());
            Assert.All(pids.GroupBy(a => a.Pid), g => Assert.True(g.Count() >= 10, $"pid {g.Key} answered {g.Count()} of 40"));
        }

        await throughFirst.StopAsync();
        await throughSecond.StopAsync();
        Assert.True(throughFirst.Failures.Count == 0, $"through the first edge router: {string.Join("; ", throughFirst.Failures.Take(5))}");
        Assert.True(throughSecond.Failures.Count == 0, $"through the second edge router: {string.Join("; ", throughSecond.Failures.Take(5))}");
    }

    [Fact]
    public async Task HostOfTheAppsActorDiesDuringADrain_TheActorMoves_TheDrainEndsAtItsDeadline_TheLostInstanceIsReplaced_TrafficNeverStops()
    {
        var app = TestApp.Create("edge-replica-kill") with { TopLevel = TwoReplicas, Drain = "60s" };
        await Cluster.DeployOkAsync(app, "r1");

        // Four streams through the first router take the two instances in turn: the drain of r1 has connections on both hosts.
        OrchEnvironment? killed = null;
        var streams = Enumerable.Range(0, 4).Select(_ => SseStream.Open(new Uri(EdgeCluster.RouterOf(app, 0), "/sse?interval=200"))).ToList();
        try
        {
            await Eventually.TrueAsync(() => Task.FromResult(streams.All(s => s.Events > 0)), "the four streams to flow");
            await using var throughFirst = LoadGenerator.Start(EdgeCluster.RouterOf(app, 0), clients: 3);
            await using var throughSecond = LoadGenerator.Start(EdgeCluster.RouterOf(app, 1), clients: 3);
            await Cluster.DeployOkAsync(app, "r2", through: 1);
            var before = await Cluster.Workers[0].AppAsync(app.App);
            var deadline = before.Deployment("r1").DrainDeadline ?? throw new InvalidOperationException("r1 does not drain");

            var (hostIndex, addresses) = await Cluster.Workers.HostOfAsync(before.Node);
            killed = Cluster.Workers[hostIndex];
            await killed.KillHostAsync();
            var survivor = Cluster.Workers[(hostIndex + 1) % Cluster.Workers.Count];
            var moved = await Eventually.ValueAsync(
                () => survivor.AppAsync(app.App),
                a => a.Node is { } node && node != addresses[hostIndex] && a.ActiveDeploymentId == before.ActiveDeploymentId,
                "the app to come back on another worker with r2 active",
                TimeSpan.FromSeconds(90));
            Assert.Equal("draining", moved.Deployment("r1").State);
            Assert.Equal(deadline, moved.Deployment("r1").DrainDeadline);

            // The instance that died with its host runs again: both routers answer from two live instances of r2.
            using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
            await Eventually.TrueAsync(
                async () =>
                {
                    var answers = await Task.WhenAll(Enumerable.Range(0, 2)
                        .SelectMany(router => Enumerable.Repeat(EdgeCluster.RouterOf(app, router), 10))
                        .Select(uri => client.GetStringAsync(uri)));
                    var parsed = answers.Select(Answer.Parse).ToList();
                    return parsed.All(a => a.Revision == "r2") && parsed.Select(a => a.Pid).Distinct().Count() == 2;
                },
                "both edge routers to answer from two instances of r2 again",
                TimeSpan.FromSeconds(60));

            var retired = await Eventually.ValueAsync(
                () => survivor.AppAsync(app.App),
                a => a.Deployments.Any(d => d.Revision == "r1" && d.State == "retired"),
                "r1 to retire",
                deadline - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60));
            var stoppedAt = retired.Deployment("r1").StoppedAt!.Value;
            Assert.True(stoppedAt >= deadline - TimeSpan.FromSeconds(1), $"r1 retired at {stoppedAt:O}, before its deadline {deadline:O}");
            Assert.True(stoppedAt <= deadline + TimeSpan.FromSeconds(30), $"r1 retired at {stoppedAt:O}, long after its deadline {deadline:O}");

            // Streams on the surviving host ran to the deadline; those on the dead host ended with it.
            Assert.Contains(streams, s => s.EndedAt is { } ended && ended >= deadline - TimeSpan.FromSeconds(2));

            await throughFirst.StopAsync();
            await throughSecond.StopAsync();
            Assert.True(throughFirst.Failures.Count == 0, $"through the first edge router: {string.Join("; ", throughFirst.Failures.Take(5))}\n{Cluster.Logs()}");
            Assert.True(throughSecond.Failures.Count == 0, $"through the second edge router: {string.Join("; ", throughSecond.Failures.Take(5))}");
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }

            // The collection's other tests expect all five nodes up.
            if (killed is { DaemonPid: null })
            {
                await killed.StartDaemonAsync();
                await Cluster.WaitAllUpAsync();
            }
        }
    }

    private sealed record Answer(string Revision, int Pid)
    {
        public static Answer Parse(string body)
        {
            using var json = JsonDocument.Parse(body);
            return new Answer(json.RootElement.GetProperty("revision").GetString()!, json.RootElement.GetProperty("pid").GetInt32());
        }
    }
}
