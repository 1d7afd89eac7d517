using Orchestrator.Railway.Http;

namespace Orchestrator.Actors.Railway;

/// <summary>How often Railway is asked, and how patiently: settable so tests against the fake need not wait minutes.</summary>
/// <param name="Poll">
/// Between the first two <c>deployment(id)</c> queries in a status; each next wait in the same status is 1.5 times longer,
/// up to <see cref="PollMax"/> (3 s), so a 10-minute build costs about 100 calls fewer than a fixed rate (pulse-railway
/// polls every 2 s) while a quick deploy is still seen within a second.
/// </param>
/// <param name="DeleteRetryFirst">The janitor's first wait after a failed <c>serviceDelete</c>; each next one doubles.</param>
/// <param name="DeleteRetryMax">The longest wait between two attempts: a deletion is retried until Railway confirms it.</param>
internal sealed record RailwayTimings(TimeSpan Poll, TimeSpan DeleteRetryFirst, TimeSpan DeleteRetryMax, RailwayRetryPolicy Retry)
{
    public static readonly RailwayTimings Default = new(
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), RailwayRetryPolicy.Default);

    public TimeSpan PollMax { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The wait before the next status query, after <paramref name="pollsInStatus"/> answers of the same status.</summary>
    public TimeSpan PollAfter(int pollsInStatus)
    {
        var wait = Poll * Math.Pow(1.5, Math.Clamp(pollsInStatus - 1, 0, 16));
        return wait > PollMax ? PollMax : wait;
    }

    public TimeSpan DeleteRetryAfter(int failedAttempts)
    {
        var wait = DeleteRetryFirst * Math.Pow(2, Math.Min(failedAttempts - 1, 16));
        return wait > DeleteRetryMax ? DeleteRetryMax : wait;
    }
}
