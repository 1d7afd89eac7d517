using System.Diagnostics;
using System.Runtime.InteropServices;
using Orchestrator.Bench.Cluster;

// Issue 11's benchmark, in one run on loopback: switch propagation to 2 and 4 edge routers, shard recovery after SIGKILL
// of a worker with the default and the tuned failure detector, and the throughput of 2 edge routers against 1.
// Markdown to stdout, progress to stderr; exit 1 when a part could not be measured (the table says why).
var settings = BenchSettings.FromEnvironment();
var tunedConfig = Environment.GetEnvironmentVariable("BENCH_CLUSTER_TUNED_CONFIG") is { Length: > 0 } given
    ? Path.GetFullPath(given)
    : Path.Combine(AppContext.BaseDirectory, "tuned.conf");
var root = Directory.CreateTempSubdirectory("cluster-bench-").FullName;
var clock = Stopwatch.StartNew();
var report = new BenchReport(settings, DateTimeOffset.UtcNow)
{
    TunedSettings = File.Exists(tunedConfig) ? [.. File.ReadLines(tunedConfig).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))] : null,
};

using var stop = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
Progress.Say($"temp directory {root}; parts {string.Join(",", settings.Parts)}; {settings.Deploys} deploys, {settings.Kills} kills, wrk {settings.WrkSeconds}s");
var routerCount = 2;
try
{
    var firstCluster = settings.Runs(BenchSettings.SwitchPart) || settings.Runs(BenchSettings.ThroughputPart) || settings.Runs("recovery-default");
    await using (var cluster = firstCluster ? await Part("cluster", () => LoopbackCluster.StartAsync(Path.Combine(root, "fd-default"), 3, 2, null, stop.Token)) : null)
    {
        if (cluster is not null)
        {
            var app = BenchApp.Write(cluster.Root, "bench");
            await Part("switch-2", async () =>
            {
                if (settings.Runs(BenchSettings.SwitchPart))
                {
                    report.Add(await SwitchPropagation.RunAsync(cluster, app, 2, settings, stop.Token));
                }
                else if (settings.Runs(BenchSettings.ThroughputPart))
                {
                    await app.DeployOkAsync(cluster.Workers[0], "throughput", stop.Token);
                }

                return true;
            });

            if (settings.Runs(BenchSettings.ThroughputPart))
            {
                report.Throughput = await Part("throughput", () => RouterThroughput.RunAsync(app, settings, cluster.Root, stop.Token));
            }

            if (settings.Runs(BenchSettings.SwitchPart))
            {
                await Part("switch-4", async () =>
                {
                    await cluster.AddRouterAsync(stop.Token);
                    await cluster.AddRouterAsync(stop.Token);
                    await cluster.WaitAllUpAsync(stop.Token);
                    routerCount = 4;
                    report.Add(await SwitchPropagation.RunAsync(cluster, app, 4, settings, stop.Token));
                    return true;
                });
            }

            if (settings.Runs("recovery-default"))
            {
                await Part("recovery-default", async () =>
                {
                    report.Add(await ShardRecovery.RunAsync(cluster, BenchApp.Write(cluster.Root, "recover"), "default", settings.Kills, stop.Token));
                    return true;
                });
            }
        }
        else if (firstCluster)
        {
            foreach (var part in new[] { "switch-2", "switch-4", "throughput", "recovery-default" })
            {
                report.Problem(part, "the cluster did not start (see above)");
            }
        }
    }

    if (settings.Runs("recovery-tuned") && !stop.IsCancellationRequested)
    {
        Progress.Say($"a second cluster with the tuned settings of {tunedConfig}");
        await using var tuned = await Part("recovery-tuned", () => LoopbackCluster.StartAsync(Path.Combine(root, "fd-tuned"), 3, routerCount, tunedConfig, stop.Token));
        if (tuned is not null)
        {
            await Part("recovery-tuned", async () =>
            {
                report.Add(await ShardRecovery.RunAsync(tuned, BenchApp.Write(tuned.Root, "recover"), "tuned", settings.Kills, stop.Token));
                return true;
            });
        }
    }
}
finally
{
    var killed = Leftovers.KillUnder(root);
    if (killed > 0)
    {
        Progress.Say($"killed {killed} leftover processes");
    }
}

Console.Write(report.Markdown(clock.Elapsed));
if (report.Failed || stop.IsCancellationRequested || settings.Keep)
{
    Progress.Say($"kept {root} (every node's log, the wrk output)");
}
else
{
    Directory.Delete(root, recursive: true);
}

Progress.Say($"done in {clock.Elapsed.TotalSeconds:0} s");
return report.Failed || stop.IsCancellationRequested ? 1 : 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    Progress.Say($"{context.Signal}: stopping and cleaning up");
    stop.Cancel();
}

// A part that throws is reported with its reason; the next part still runs.
async Task<T?> Part<T>(string name, Func<Task<T>> run)
{
    if (stop.IsCancellationRequested)
    {
        report.Problem(name, "stopped");
        return default;
    }

    try
    {
        return await run();
    }
    catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
    {
        Progress.Say($"{name} could not be measured: {e.Message}");
        report.Problem(name, e.Message);
        return default;
    }
    catch (OperationCanceledException)
    {
        report.Problem(name, "stopped");
        return default;
    }
}
