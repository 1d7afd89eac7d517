using Orchestrator.Config;

namespace Orchestrator.Actors.Processes;

/// <summary>A process's <c>memory_limit</c> and how long it may stay above it (<c>memory_limit_grace</c>).</summary>
public sealed record MemoryLimit(long Bytes, TimeSpan Grace);

/// <summary>The memory watch after one sample: since when the process has been above its limit, and whether to restart it.</summary>
internal sealed record MemoryVerdict(DateTimeOffset? AboveSince, string? RestartReason);

/// <summary>The memory limit as a pure function of one sample, the time the process went above the limit, and now.</summary>
internal static class MemoryWatch
{
    /// <summary>How often memory is sampled: often enough to see a grace through, never more than 10 times a second.</summary>
    public static TimeSpan SampleInterval(MemoryLimit limit) =>
        TimeSpan.FromTicks(Math.Clamp(limit.Grace.Ticks / 4, TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromSeconds(1).Ticks));

    /// <summary>
    /// Above the limit continuously for the grace → a restart with the reason; a sample at or below the limit (or none)
    /// starts the count over.
    /// </summary>
    public static MemoryVerdict Decide(MemoryLimit limit, long? bytes, DateTimeOffset? aboveSince, DateTimeOffset now)
    {
        if (bytes is not { } used || used <= limit.Bytes)
        {
            return new MemoryVerdict(null, null);
        }

        var since = aboveSince ?? now;
        return now - since >= limit.Grace
            ? new MemoryVerdict(since, $"memory: RSS {ByteSize.Format(used)} above memory_limit {ByteSize.Format(limit.Bytes)} for {Duration.Format(limit.Grace)}")
            : new MemoryVerdict(since, null);
    }
}
