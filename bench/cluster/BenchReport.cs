using System.Globalization;
using System.Text;

namespace Orchestrator.Bench.Cluster;

/// <summary>The Markdown tables of one run: switch propagation, shard recovery, throughput; a part that could not be measured says why.</summary>
internal sealed class BenchReport(BenchSettings settings, DateTimeOffset startedAt)
{
    /// <summary>Issue 11's targets.</summary>
    public static readonly TimeSpan SwitchTarget = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan RecoveryTarget = TimeSpan.FromSeconds(10);

    /// <summary>Akka.NET 1.5's failure detector defaults (Akka.Cluster's reference.conf) and orch's stable-after (hocon/orch.conf).</summary>
    public const string DefaultSettings =
        "Akka.NET's failure detector defaults (`heartbeat-interval = 1s`, `acceptable-heartbeat-pause = 3s`, `threshold = 8.0`); " +
        "`akka.cluster.split-brain-resolver.stable-after = 20s`, orch's production default (`hocon/orch.conf`); no `ORCH_AKKA_CONFIG`";

    private readonly List<SwitchResult> _switches = [];
    private readonly List<RecoveryResult> _recoveries = [];
    private readonly Dictionary<string, string> _problems = new(StringComparer.Ordinal);

    public ThroughputResult? Throughput { get; set; }

    public IReadOnlyList<string>? TunedSettings { get; set; }

    public bool Failed => _problems.Count > 0;

    public void Add(SwitchResult result) => _switches.Add(result);

    public void Add(RecoveryResult result) => _recoveries.Add(result);

    /// <summary>Why a part (<c>switch-2</c>, <c>switch-4</c>, <c>recovery-default</c>, <c>recovery-tuned</c>, <c>throughput</c>) has no numbers.</summary>
    public void Problem(string part, string why) => _problems.TryAdd(part, why.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal));

    public string Markdown(TimeSpan took)
    {
        var md = new StringBuilder();
        Line(md, "## Cluster benchmark (issue 11)");
        md.AppendLine();
        Line(md, $"{startedAt:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, loopback; one run of `bench/cluster/run.sh` ({took.TotalMinutes:0.0} min).");
        Line(md, $"Cluster: 3 worker daemons (`--roles worker`) on one redis-server journal, edge routers `orch router --seed` on 127.0.0.11.., one cluster certificate; the app is `tests/TestApps/testapp.js` under node.");
        md.AppendLine();
        if (settings.Runs(BenchSettings.SwitchPart))
        {
            SwitchTable(md);
        }

        if (settings.Runs("recovery-default") || settings.Runs("recovery-tuned"))
        {
            RecoveryTable(md);
        }

        if (settings.Runs(BenchSettings.ThroughputPart))
        {
            ThroughputTable(md);
        }

        if (_problems.Count > 0)
        {
            Line(md, "### Not measured in this run");
            md.AppendLine();
            foreach (var (part, why) in _problems)
            {
                Line(md, $"- {part}: {why}");
            }

            md.AppendLine();
        }

        return md.ToString();
    }

    private void SwitchTable(StringBuilder md)
    {
        Line(md, $"### Switch propagation: health passed → every edge router serving the new revision ({settings.Deploys} deploys each, after {settings.WarmupDeploys} unmeasured)");
        md.AppendLine();
        Line(md, "| Edge routers | Deploys | p50 | p99 | max | p99 vs 2 routers | First router serving, p50 | Deploy reported active, p50 | Last router after the deploy returned | Requests lost | Target p99 < 100 ms |");
        Line(md, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        var baseline = _switches.FirstOrDefault(s => s.Routers == 2 && s.Samples.Count > 0);
        foreach (var routers in new[] { 2, 4 })
        {
            if (_switches.FirstOrDefault(s => s.Routers == routers) is not { Samples.Count: > 0 } result)
            {
                Line(md, $"| {routers} | n/a | | | | | | | | | {_problems.GetValueOrDefault($"switch-{routers}", "not measured")} |");
                continue;
            }

            var all = result.Samples.Select(s => s.AllServing).ToList();
            var p99 = Percentile(all, 0.99);
            var ratio = baseline is null || baseline == result ? "1.00x (baseline)" : $"{p99 / Percentile(baseline.Samples.Select(s => s.AllServing).ToList(), 0.99):0.00}x";
            var verdict = result.FailedDeploys.Count > 0 || result.Failures > 0 ? "**not met** (failed deploys or lost requests)"
                : p99 < SwitchTarget ? "met" : "**not met**";
            Line(md, $"| {routers} | {result.Samples.Count}{(result.FailedDeploys.Count > 0 ? $" ({result.FailedDeploys.Count} failed)" : "")} | {Ms(Percentile(all, 0.5))} | {Ms(p99)} | {Ms(all.Max())} | {ratio} | {Ms(Percentile(result.Samples.Select(s => s.FirstServing).ToList(), 0.5))} | {Ms(Percentile(result.Samples.Select(s => s.Acked).ToList(), 0.5))} | {Late(result.Samples)} | {result.Failures} of {result.Requests} | {verdict} |");
        }

        md.AppendLine();
        Line(md, $"Health passed is the deploy's `switching: health passed` progress step (`orch deploy --json`), stamped `at` by the node the CLI talks to (the deployment may run on another worker: that hop is not counted). A watcher per edge router polls its listener (`GET /`, one keep-alive connection, a request every {RouterWatch.Pause.TotalMilliseconds:0} ms) and takes the time it read the first answer from the new revision, so each figure may be up to one poll plus one request late. *Deploy reported active* is its final `succeeded` step (every reachable replica acked the table); *last router after the deploy returned* counts deploys whose last edge router first answered from the new revision after the bench read that step from the CLI, with the median of those delays (a delay within a poll or two is the watcher's resolution). p99 is nearest-rank: below 100 deploys it is the maximum.");
        var unreachable = _switches.Sum(s => s.Samples.Count(x => x.NamedUnreachable));
        if (unreachable > 0)
        {
            Line(md, $"{unreachable} deploys named an unreachable router replica (not waited for).");
        }

        foreach (var failure in _switches.SelectMany(s => s.FailedDeploys.Select(f => $"{s.Routers} routers: {f}")).Take(5))
        {
            Line(md, $"- failed deploy: {failure}");
        }

        md.AppendLine();
    }

    private void RecoveryTable(StringBuilder md)
    {
        Line(md, $"### Shard recovery after SIGKILL of the worker hosting the app ({settings.Kills} {(settings.Kills == 1 ? "kill" : "kills")} per setting)");
        md.AppendLine();
        Line(md, "| Settings | Runs | Median | Max | Median vs default | Seen unreachable, median | Downed or removed, median | Killed the oldest | Target < 10 s |");
        Line(md, "|---|---:|---:|---:|---:|---:|---:|---:|---|");
        var baseline = _recoveries.FirstOrDefault(r => r.Settings == "default" && r.Samples.Count > 0);
        foreach (var (name, description) in new[] { ("default", DefaultSettings), ("tuned", Tuned()) })
        {
            if (_recoveries.FirstOrDefault(r => r.Settings == name) is not { Samples.Count: > 0 } result)
            {
                Line(md, $"| **{name}**: {description} | n/a | | | | | | | {_problems.GetValueOrDefault($"recovery-{name}", "not measured")} |");
                continue;
            }

            var moved = result.Samples.Select(s => s.Moved).ToList();
            var median = Percentile(moved, 0.5);
            var ratio = baseline is null || baseline == result ? "1.00x (baseline)" : $"{median / Percentile(baseline.Samples.Select(s => s.Moved).ToList(), 0.5):0.00}x";
            var verdict = moved.Max() < RecoveryTarget ? "met" : "**not met**";
            Line(md, $"| **{name}**: {description} | {result.Samples.Count} | {Seconds(median)} | {Seconds(moved.Max())} | {ratio} | {MedianOf(result.Samples.Select(s => s.Unreachable))} | {MedianOf(result.Samples.Select(s => s.Downed))} | {result.Samples.Count(s => s.KilledOldest)} of {result.Samples.Count} | {verdict} |");
        }

        md.AppendLine();
        Line(md, "From the SIGKILL of the worker daemon (its app processes live on, as on a real host) to the first answer of `GET /v1/status?app=APP` (what `orch status --app APP --json` asks) through a surviving worker that reports the app on another worker with the same active deployment; a poll starts every 100 ms without waiting for the one before. *Seen unreachable* and *downed or removed* are when the same survivor's `GET /v1/cluster`, polled every 100 ms, first showed the killed member unreachable, then down or gone: failure detection, then the split brain resolver's decision after `stable-after`; the rest is the shard's reallocation once the node is removed (with any down-removal margin Akka applies), the app actor's recovery from Redis and its answer. *Killed the oldest* counts the kills of the oldest node, which runs the shard coordinators: they move first, so those kills take longer (Akka places the app where it places it; the bench does not choose). The killed worker is started again and the cluster waited for before the next repetition. The tuned run is a second cluster of the same shape whose every node reads the tuned settings as `ORCH_AKKA_CONFIG`.");
        md.AppendLine();
    }

    private void ThroughputTable(StringBuilder md)
    {
        Line(md, $"### Throughput: 2 edge routers against 1 (`wrk -t{settings.WrkThreads} -c{settings.WrkConnections} -d{settings.WrkSeconds}s`, keep-alive `GET /`)");
        md.AppendLine();
        Line(md, "| Edge routers | Req/s | Errors | vs 1 router |");
        Line(md, "|---:|---:|---:|---:|");
        if (Throughput is not { } result)
        {
            Line(md, $"| n/a | | | {_problems.GetValueOrDefault("throughput", "not measured")} |");
        }
        else
        {
            Line(md, $"| 1 | {result.One:0} | {result.OneRouter.Sum(w => w.Errors)} | 1.00x (baseline) |");
            Line(md, $"| 2 (one wrk each, at once, summed: {string.Join(" + ", result.TwoRouters.Select(w => $"{w.RequestsPerSecond:0}"))}) | {result.Two:0} | {result.TwoRouters.Sum(w => w.Errors)} | {result.Two / result.One:0.00}x |");
        }

        md.AppendLine();
        Line(md, $"Every process here shares the machine's {Environment.ProcessorCount} cores: wrk, the edge routers (a node and an orch-router process each), the workers and the one app process. With this few cores a second router gets no CPU the first did not already compete for, so the ratio says little about how edge routers scale, and other load on the machine moves it more than the second router does; measure scaling with the routers, wrk and the app on separate hosts. *Errors* are wrk's non-2xx answers plus its socket errors (connect, read, write, timeout).");
        md.AppendLine();
    }

    private string Tuned() => TunedSettings is { Count: > 0 } lines ? string.Join("; ", lines.Select(l => $"`{l}`")) : "(no tuned settings read)";

    private static TimeSpan Percentile(IReadOnlyList<TimeSpan> values, double fraction)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(fraction * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    private static string Late(IReadOnlyList<SwitchSample> samples) =>
        samples.Where(s => s.AfterReturn > TimeSpan.Zero).Select(s => s.AfterReturn).ToList() is { Count: > 0 } late
            ? $"{late.Count} of {samples.Count} (by {Ms(Percentile(late, 0.5))})"
            : $"0 of {samples.Count}";

    private static string MedianOf(IEnumerable<TimeSpan?> values) =>
        values.Where(v => v is not null).Select(v => v!.Value).ToList() is { Count: > 0 } seen ? Seconds(Percentile(seen, 0.5)) : "not seen";

    private static string Ms(TimeSpan span) => $"{span.TotalMilliseconds:0.0} ms";

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0.00} s";

    private static void Line(StringBuilder md, string line) => md.AppendLine(CultureInfo.InvariantCulture, $"{line}");
}
