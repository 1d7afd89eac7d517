using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Orchestrator.Control.Contracts;
using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.Cluster;

/// <summary>
/// pbm's membership verbs on three real nodes sharing one Redis: a worker that leaves hands its app off and its daemon
/// exits 0; <c>down-unreachable</c> takes out a worker frozen with SIGSTOP.
/// </summary>
public sealed class ClusterMembershipVerbsTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private RedisCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await RedisCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Leave_OfTheWorkerHostingAnApp_ExitsZero_ItsDaemonExitsZero_AndTheAppComesBackOnTheOtherWorker()
    {
        var app = TestApp.Create("leaving") with { Drain = "2s" };
        await _cluster.DeployOkAsync(_cluster.Edge, app, "r1");
        var before = await _cluster.Edge.AppAsync(app.App);
        var (hostIndex, addresses) = await _cluster.Workers.HostOfAsync(before.Node);
        var host = _cluster.Workers[hostIndex];

        var leave = await _cluster.Edge.RunAsync("cluster", "leave", addresses[hostIndex]);

        Assert.True(leave.ExitCode == 0, leave.ToString());
        await Eventually.TrueAsync(() => Task.FromResult(host.DaemonExitCode is not null), "the leaving worker's daemon to exit", TimeSpan.FromSeconds(90));
        Assert.True(host.DaemonExitCode == 0, $"the daemon that left exited {host.DaemonExitCode}:\n{host.ReadDaemonLog()}");
        Assert.Contains("left the cluster", host.ReadDaemonLog(), StringComparison.Ordinal);
        var moved = await WithLogsAsync(() => Eventually.ValueAsync(
            () => _cluster.Edge.AppAsync(app.App),
            a => a.Node == addresses[1 - hostIndex] && a.ActiveDeploymentId == before.ActiveDeploymentId,
            "the app to come back on the other worker with its active deployment",
            TimeSpan.FromSeconds(90)));
        Assert.Equal(before.Deployments.Select(d => d.Id), moved.Deployments.Select(d => d.Id));
        await Eventually.TrueAsync(
            async () => !(await _cluster.Edge.ClusterAsync()).Members.Any(m => m.Address == addresses[hostIndex]),
            "the member that left to be removed from the edge's view");
    }

    [Fact]
    public async Task DownUnreachable_DownsAWorkerFrozenWithSigstop_AndTailSeesItGo()
    {
        var frozen = _cluster.Workers[1];
        var address = await frozen.SelfAddressAsync();
        var pid = frozen.DaemonPid ?? throw new InvalidOperationException("the worker's daemon is not running");
        var tailOutput = Path.Combine(_cluster.Edge.Root, "tail.out");
        using var tail = _cluster.Edge.StartCliWith(new Dictionary<string, string?>(), tailOutput, "cluster", "tail", "--json");
        await Eventually.TrueAsync(() => Task.FromResult(Events(tailOutput).Any(e => e.Address == address)), "the tail to print the current members");

        Signal("STOP", pid);
        try
        {
            // The tail answers as soon as the edge sees the worker unreachable, ahead of the split brain resolver's stable-after.
            await WithLogsAsync(() => Eventually.TrueAsync(
                () => Task.FromResult(Events(tailOutput).Any(e => e.Kind == ClusterEventKinds.Unreachable && e.Address == address)),
                "the edge to see the frozen worker unreachable",
                TimeSpan.FromSeconds(60)));
            var down = await _cluster.Edge.RunAsync("cluster", "down-unreachable", "--json");

            Assert.True(down.ExitCode == 0, down.ToString());
            Assert.Contains(address, JsonSerializer.Deserialize<DownUnreachableResult>(down.Stdout, Json)!.Downed);
            await WithLogsAsync(() => Eventually.TrueAsync(
                () => Task.FromResult(Events(tailOutput).Any(e => e.Kind == ClusterEventKinds.Removed && e.Address == address)),
                "the tail to see the frozen worker removed",
                TimeSpan.FromSeconds(60)));
            Assert.DoesNotContain(address, (await _cluster.Edge.ClusterAsync()).Members.Select(m => m.Address));
        }
        finally
        {
            Signal("CONT", pid);
            Signal("INT", tail.Id);
        }
    }

    private async Task<T> WithLogsAsync<T>(Func<Task<T>> wait)
    {
        try
        {
            return await wait();
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{_cluster.Logs()}", e);
        }
    }

    private Task WithLogsAsync(Func<Task> wait) => WithLogsAsync(async () =>
    {
        await wait();
        return true;
    });

    private static List<ClusterEvent> Events(string path) => !File.Exists(path)
        ? []
        : [.. File.ReadAllLines(path).Where(l => l.StartsWith('{')).Select(l => JsonSerializer.Deserialize<ClusterEvent>(l, Json)!)];

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
