namespace Orchestrator.Bench.Cluster;

/// <summary>
/// Part 1: the time from a deploy's health pass (its <c>switching: health passed</c> progress step, stamped by the
/// node the CLI talks to) to the moment every edge router answers with the new revision, as watchers polling each
/// router's listener from outside see it; over <see cref="BenchSettings.Deploys"/> deploys.
/// </summary>
internal static class SwitchPropagation
{
    public static async Task<SwitchResult> RunAsync(
        LoopbackCluster cluster, BenchApp app, int routers, BenchSettings settings, CancellationToken cancellationToken)
    {
        var watches = Enumerable.Range(0, routers).Select(i => new RouterWatch(cluster.Routers[i].Name, app.Through(i))).ToList();
        var samples = new List<SwitchSample>();
        var failedDeploys = new List<string>();
        try
        {
            var through = cluster.Workers[0];
            for (var k = -settings.WarmupDeploys; k < settings.Deploys; k++)
            {
                var revision = k < 0 ? $"warm{routers}-{-k}" : $"r{routers}-{k + 1}";
                var run = await through.DeployAsync(app.Config, app.Release, revision, cancellationToken);
                if (!run.Succeeded || run.HealthPassed is not { } passed)
                {
                    var why = run.Succeeded ? "no \"switching\" progress step in its output" : run.Describe();
                    Progress.Say($"{routers} routers, {revision}: deploy failed: {why}");
                    failedDeploys.Add($"{revision}: {why}");
                    if (failedDeploys.Count >= 3)
                    {
                        throw new InvalidOperationException($"3 deploys failed, e.g. {failedDeploys[0]}");
                    }

                    continue;
                }

                var served = await ServedAsync(watches, revision, cancellationToken);
                var healthPassed = passed.Progress.At;
                var sample = new SwitchSample(
                    served.Max() - healthPassed,
                    served.Min() - healthPassed,
                    run.Final!.Progress.At - healthPassed,
                    run.Lines.Any(l => l.Progress.Message.Contains("unreachable", StringComparison.Ordinal)),
                    served.Max() - run.Final.ReadAt);
                Progress.Say($"{routers} routers, {revision}: all serving {Ms(sample.AllServing)}, first {Ms(sample.FirstServing)}, deploy active {Ms(sample.Acked)} after health passed{(k < 0 ? " (warm-up, not counted)" : "")}");
                if (k >= 0)
                {
                    samples.Add(sample);
                }
            }
        }
        finally
        {
            foreach (var watch in watches)
            {
                await watch.DisposeAsync();
            }
        }

        return new SwitchResult(
            routers,
            samples,
            failedDeploys,
            watches.Sum(w => w.Requests),
            watches.Sum(w => w.Failures),
            watches.Select(w => w.LastFailure).LastOrDefault(f => f is not null));
    }

    private static async Task<DateTimeOffset[]> ServedAsync(List<RouterWatch> watches, string revision, CancellationToken cancellationToken)
    {
        var giveUp = DateTime.UtcNow + BenchSettings.ServeTimeout;
        while (true)
        {
            var seen = watches.Select(w => w.FirstAnswerFrom(revision)).ToList();
            if (seen.All(s => s is not null))
            {
                return [.. seen.Select(s => s!.Value)];
            }

            if (DateTime.UtcNow > giveUp)
            {
                var missing = watches.Where(w => w.FirstAnswerFrom(revision) is null).Select(w => w.Name);
                throw new TimeoutException($"{string.Join(", ", missing)} never answered from {revision} within {BenchSettings.ServeTimeout.TotalSeconds:0} s");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5), cancellationToken);
        }
    }

    private static string Ms(TimeSpan span) => $"{span.TotalMilliseconds:0.0} ms";
}

/// <summary>One measured deploy.</summary>
/// <param name="AllServing">Health passed to the last edge router answering from the new revision.</param>
/// <param name="FirstServing">Health passed to the first edge router answering from it.</param>
/// <param name="Acked">Health passed to the deploy's final <c>succeeded</c> (every reachable replica acked, the deployment active).</param>
/// <param name="NamedUnreachable">The deploy named an unreachable router replica (it was not waited for).</param>
/// <param name="AfterReturn">How long after the bench read the deploy's final step the last edge router first answered from the new revision (negative: before).</param>
internal sealed record SwitchSample(TimeSpan AllServing, TimeSpan FirstServing, TimeSpan Acked, bool NamedUnreachable, TimeSpan AfterReturn);

internal sealed record SwitchResult(
    int Routers, IReadOnlyList<SwitchSample> Samples, IReadOnlyList<string> FailedDeploys, long Requests, long Failures, string? LastFailure);
