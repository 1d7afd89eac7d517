namespace Orchestrator.Bench.Cluster;

/// <summary>
/// Part 2: SIGKILL of the worker daemon hosting an app's shard, then the time until a surviving worker's
/// <c>GET /v1/status?app=APP</c> (what <c>orch status --app APP --json</c> asks) reports the app on another worker with
/// the same active deployment. Polls start every <see cref="PollEvery"/> without waiting for the one before (a status
/// can wait on the dead node), and the earliest answer that shows the app moved counts. The killed worker is started
/// again and the cluster is waited for between repetitions.
/// </summary>
internal static class ShardRecovery
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan PollTimeout = TimeSpan.FromSeconds(10);
    private const int MaxPollsInFlight = 20;

    public static async Task<RecoveryResult> RunAsync(
        LoopbackCluster cluster, BenchApp app, string settingsName, int kills, CancellationToken cancellationToken)
    {
        var samples = new List<RecoverySample>();
        await app.DeployOkAsync(cluster.Workers[0], $"{settingsName}-base", cancellationToken);
        for (var k = 1; k <= kills; k++)
        {
            await cluster.WaitAllUpAsync(cancellationToken);
            var addresses = new Dictionary<string, OrchNode>(StringComparer.Ordinal);
            string? oldest = null;
            foreach (var worker in cluster.Workers)
            {
                var seen = await worker.ClusterAsync(cancellationToken);
                addresses[seen.Self] = worker;
                oldest ??= seen.Oldest;
            }

            var before = await cluster.Workers[0].AppAsync(app.App, PollTimeout, cancellationToken)
                ?? throw new InvalidOperationException($"{app.App} is not in orch status");
            if (before.Node is null || !addresses.TryGetValue(before.Node, out var host))
            {
                throw new InvalidOperationException($"{app.App} runs on {before.Node ?? "no node"}, which is not a worker ({string.Join(", ", addresses.Keys)})");
            }

            var survivor = cluster.Workers.First(w => w != host);
            var killsOldest = oldest == before.Node;
            Progress.Say($"{settingsName} {k}/{kills}: SIGKILL of {host.Name} ({before.Node}), which hosts {app.App}{(killsOldest ? " and is the oldest node (the shard coordinator's)" : "")}; polling through {survivor.Name}");
            using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var killedAt = DateTimeOffset.UtcNow;
            await host.KillAsync();
            var membership = WatchMemberAsync(survivor, before.Node, stopWatching.Token);
            var movedAt = await MovedAsync(survivor, app.App, before.Node, before.ActiveDeploymentId, cancellationToken);
            await stopWatching.CancelAsync();
            var (unreachableAt, downedAt) = await membership;
            var sample = new RecoverySample(movedAt - killedAt, unreachableAt - killedAt, downedAt - killedAt, killsOldest);
            samples.Add(sample);
            Progress.Say($"{settingsName} {k}/{kills}: {app.App} answered on another worker {sample.Moved.TotalSeconds:0.00} s after the SIGKILL " +
                $"(unreachable after {Seconds(sample.Unreachable)}, downed or removed after {Seconds(sample.Downed)})");

            Progress.Say($"starting {host.Name} again");
            await host.StartAsync(cancellationToken);
        }

        await cluster.WaitAllUpAsync(cancellationToken);
        return new RecoveryResult(settingsName, samples);
    }

    private static async Task<DateTimeOffset> MovedAsync(
        OrchNode survivor, string app, string deadNode, string? activeDeployment, CancellationToken cancellationToken)
    {
        using var stopPolls = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var polls = new List<Task<DateTimeOffset?>>();
        var giveUp = DateTime.UtcNow + BenchSettings.RecoveryTimeout;
        while (DateTime.UtcNow < giveUp)
        {
            // The earliest answer that showed the app moved: one still in flight can only be read later.
            var moved = polls.Where(p => p.IsCompletedSuccessfully && p.Result is not null).Select(p => p.Result!.Value).ToList();
            if (moved.Count > 0)
            {
                await stopPolls.CancelAsync();
                return moved.Min();
            }

            polls.RemoveAll(p => p.IsCompleted && !(p.IsCompletedSuccessfully && p.Result is not null));
            if (polls.Count < MaxPollsInFlight)
            {
                polls.Add(AskAsync(survivor, app, deadNode, activeDeployment, stopPolls.Token));
            }

            await Task.Delay(PollEvery, cancellationToken);
        }

        await stopPolls.CancelAsync();
        throw new TimeoutException($"{app} was not reported on another worker within {BenchSettings.RecoveryTimeout.TotalSeconds:0} s");
    }

    /// <summary>When the survivor first saw the killed member unreachable, and first saw it down or gone (the split brain resolver's decision).</summary>
    private static async Task<(DateTimeOffset? Unreachable, DateTimeOffset? Downed)> WatchMemberAsync(
        OrchNode survivor, string deadNode, CancellationToken cancellationToken)
    {
        DateTimeOffset? unreachable = null;
        DateTimeOffset? downed = null;
        while (!cancellationToken.IsCancellationRequested && downed is null)
        {
            try
            {
                var members = (await survivor.ClusterAsync(cancellationToken)).Members;
                var at = DateTimeOffset.UtcNow;
                var member = members.FirstOrDefault(m => m.Address == deadNode);
                if (member is null || member.Status is "down" or "removed" or "exiting")
                {
                    downed = at;
                    unreachable ??= at;
                }
                else if (!member.Reachable)
                {
                    unreachable ??= at;
                }

                await Task.Delay(PollEvery, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or System.Text.Json.JsonException)
            {
                // Stopped, or a poll that failed while the cluster changes: the next one tells.
            }
        }

        return (unreachable, downed);
    }

    private static string Seconds(TimeSpan? span) => span is { } s ? $"{s.TotalSeconds:0.00} s" : "not seen";

    /// <summary>When this poll's answer showed the app on another worker, else null.</summary>
    private static async Task<DateTimeOffset?> AskAsync(OrchNode survivor, string app, string deadNode, string? activeDeployment, CancellationToken cancellationToken)
    {
        try
        {
            var status = await survivor.AppAsync(app, PollTimeout, cancellationToken);
            var at = DateTimeOffset.UtcNow;
            return status is { Node: { } node, Unavailable: null } && node != deadNode && status.ActiveDeploymentId == activeDeployment ? at : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

/// <summary>One SIGKILL: the time until the app answered on another worker, and until a survivor saw the killed member unreachable and then down or removed.</summary>
/// <param name="KilledOldest">The killed worker was the oldest node, where the shard coordinators run: they had to move too.</param>
internal sealed record RecoverySample(TimeSpan Moved, TimeSpan? Unreachable, TimeSpan? Downed, bool KilledOldest);

internal sealed record RecoveryResult(string Settings, IReadOnlyList<RecoverySample> Samples);
