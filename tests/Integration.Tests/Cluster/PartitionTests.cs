using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.Cluster;

/// <summary>
/// A partition, made by freezing the daemon of the worker that hosts an app (SIGSTOP) for longer than the split brain
/// resolver's stable-after: every router is sampled every 100 ms throughout, and no sample ever sees two deployments.
/// </summary>
[Collection(EdgeClusterCollection.Name)]
public sealed class PartitionTests(EdgeClusterFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(100);

    private EdgeCluster Cluster => fixture.Cluster;

    /// <summary>Each test starts from five members up, whatever the one before it left.</summary>
    public Task InitializeAsync() => Cluster.WaitAllUpAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task FrozenHostOfAnApp_IsDownedAndSaysWhy_TheAppMoves_AndNoMomentHasTwoActiveDeployments()
    {
        var app = TestApp.Create("partitioned") with { Drain = "10s" };
        await Cluster.DeployOkAsync(app, "r1");
        var before = await Cluster.Workers[0].AppAsync(app.App);
        var (hostIndex, _) = await Cluster.Workers.HostOfAsync(before.Node);
        var host = Cluster.Workers[hostIndex];
        var survivor = Cluster.Workers[(hostIndex + 1) % Cluster.Workers.Count];
        await using var sampler = RouterSampler.Start([EdgeCluster.RouterOf(app, 0), EdgeCluster.RouterOf(app, 1)], SampleInterval);
        await using var load = LoadGenerator.Start(EdgeCluster.RouterOf(app, 0), clients: 5);
        await Eventually.TrueAsync(() => Task.FromResult(load.Succeeded > 50 && sampler.Ticks.Count > 5), "load and samples through the edge routers");

        var frozenPid = host.DaemonPid ?? throw new InvalidOperationException("the app's host is not running");
        await Signals.StopAsync(frozenPid);
        try
        {
            await Eventually.ValueAsync(
                () => survivor.AppAsync(app.App),
                a => a.Node != before.Node && a.ActiveDeploymentId == before.ActiveDeploymentId,
                "the app to come back on another worker with its active deployment",
                TimeSpan.FromSeconds(90));
        }
        finally
        {
            await Signals.ContinueAsync(frozenPid);
        }

        await Eventually.TrueAsync(() => Task.FromResult(host.DaemonPid is null), "the downed worker's daemon to exit once thawed", TimeSpan.FromSeconds(60));
        Assert.Contains("was removed from the cluster", host.ReadDaemonLog(), StringComparison.Ordinal);
        await sampler.StopAsync();
        await load.StopAsync();

        var ticks = sampler.Ticks.ToList();
        Assert.All(ticks, t => Assert.True(t.Deployments.Count <= 1, $"two deployments answered at one moment: {t}"));
        Assert.All(ticks, t => Assert.DoesNotContain(t.Answers, a => a.StartsWith("error:", StringComparison.Ordinal)));
        Assert.True(load.Failures.Count == 0, $"through the partition: {string.Join("; ", load.Failures.Take(5))}");

        // Back in the cluster, the node takes part again: a deploy after the partition reaches both edge routers.
        await host.StartDaemonAsync();
        await Cluster.WaitAllUpAsync();
        await Cluster.DeployOkAsync(app, "r2", through: (hostIndex + 2) % Cluster.Workers.Count);
        var active = (await survivor.AppAsync(app.App)).ActiveDeploymentId;
        foreach (var router in new[] { EdgeCluster.RouterOf(app, 0), EdgeCluster.RouterOf(app, 1) })
        {
            Assert.Contains($"\"deployment\":\"{active}\"", await DeployHarness.GetAsync(router), StringComparison.Ordinal);
        }
    }
}
