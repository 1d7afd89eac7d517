namespace Orchestrator.Bench.Cluster;

/// <summary>
/// Part 2: SIGKILL of the worker daemon hosting an app's shard, then the time until a surviving worker's
/// <c>GET /v1/status?app=APP</c> (what <c>orch status --app APP --json</c> asks) reports the app on another worker with
/// the same active deployment; the same survivor's <c>GET /v1/cluster</c> meanwhile says when it saw the killed member
/// unreachable, then down or gone. Polls start every <see cref="PollEvery"/> without waiting for the ones before (an
/// answer can wait on the dead node), and the earliest answer that says yes counts. The killed worker is started
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
            var killedAt = DateTimeOffset.UtcNow;
            await host.KillAsync();
            using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var unreachable = FirstAsync(t => MemberIsAsync(survivor, before.Node, down: false, t), stopWatching.Token);
            var downed = FirstAsync(t => MemberIsAsync(survivor, before.Node, down: true, t), stopWatching.Token);
            var movedAt = await FirstAsync(t => MovedAsync(survivor, app.App, before.Node, before.ActiveDeploymentId, t), cancellationToken);
            await stopWatching.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
            if (movedAt is null)
            {
                throw new TimeoutException($"{app.App} was not reported on another worker within {BenchSettings.RecoveryTimeout.TotalSeconds:0} s");
            }

            var sample = new RecoverySample(movedAt.Value - killedAt, await unreachable - killedAt, await downed - killedAt, killsOldest);
            samples.Add(sample);
            Progress.Say($"{settingsName} {k}/{kills}: {app.App} answered on another worker {sample.Moved.TotalSeconds:0.00} s after the SIGKILL " +
                $"(unreachable after {Seconds(sample.Unreachable)}, downed or removed after {Seconds(sample.Downed)})");

            Progress.Say($"starting {host.Name} again");
            await host.StartAsync(cancellationToken);
        }

        await cluster.WaitAllUpAsync(cancellationToken);
        return new RecoveryResult(settingsName, samples);
    }

    /// <summary>
    /// Starts <paramref name="ask"/> every <see cref="PollEvery"/> without waiting for the ones before (a status or
    /// cluster view can wait on the dead node) and returns the earliest time an answer said yes; null when stopped or
    /// after <see cref="BenchSettings.RecoveryTimeout"/>.
    /// </summary>
    private static async Task<DateTimeOffset?> FirstAsync(Func<CancellationToken, Task<bool>> ask, CancellationToken cancellationToken)
    {
        using var stopPolls = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var polls = new List<Task<DateTimeOffset?>>();
        var giveUp = DateTime.UtcNow + BenchSettings.RecoveryTimeout;
        try
        {
            while (DateTime.UtcNow < giveUp && !cancellationToken.IsCancellationRequested)
            {
                // The earliest answer that said yes: one still in flight can only be read later.
                var yes = polls.Where(p => p.IsCompletedSuccessfully && p.Result is not null).Select(p => p.Result!.Value).ToList();
                if (yes.Count > 0)
                {
                    return yes.Min();
                }

                polls.RemoveAll(p => p.IsCompleted && !(p.IsCompletedSuccessfully && p.Result is not null));
                if (polls.Count < MaxPollsInFlight)
                {
                    polls.Add(AskAsync(ask, stopPolls.Token));
                }

                await Task.Delay(PollEvery, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped: the caller knows whether that is a failure.
        }
        finally
        {
            await stopPolls.CancelAsync();
        }

        return null;
    }

    private static async Task<DateTimeOffset?> AskAsync(Func<CancellationToken, Task<bool>> ask, CancellationToken cancellationToken)
    {
        try
        {
            return await ask(cancellationToken) ? DateTimeOffset.UtcNow : null;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>The survivor reports the app on another worker with the same active deployment.</summary>
    private static async Task<bool> MovedAsync(OrchNode survivor, string app, string deadNode, string? activeDeployment, CancellationToken cancellationToken) =>
        await survivor.AppAsync(app, PollTimeout, cancellationToken) is { Node: { } node, Unavailable: null } status
        && node != deadNode
        && status.ActiveDeploymentId == activeDeployment;

    /// <summary>The survivor's view of the killed member: unreachable (or already gone), or with <paramref name="down"/> down or gone.</summary>
    private static async Task<bool> MemberIsAsync(OrchNode survivor, string deadNode, bool down, CancellationToken cancellationToken)
    {
        var member = (await survivor.ClusterAsync(cancellationToken)).Members.FirstOrDefault(m => m.Address == deadNode);
        return member is null || member.Status is "down" or "removed" or "exiting" || (!down && !member.Reachable);
    }

    private static string Seconds(TimeSpan? span) => span is { } s ? $"{s.TotalSeconds:0.00} s" : "not seen";
}

/// <summary>One SIGKILL: the time until the app answered on another worker, and until a survivor saw the killed member unreachable and then down or removed.</summary>
/// <param name="KilledOldest">The killed worker was the oldest node, where the shard coordinators run: they had to move too.</param>
internal sealed record RecoverySample(TimeSpan Moved, TimeSpan? Unreachable, TimeSpan? Downed, bool KilledOldest);

internal sealed record RecoveryResult(string Settings, IReadOnlyList<RecoverySample> Samples);
