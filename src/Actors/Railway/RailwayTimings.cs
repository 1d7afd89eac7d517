using Orchestrator.Railway.Http;

namespace Orchestrator.Actors.Railway;

/// <summary>How often Railway is asked, and how patiently: settable so tests against the fake need not wait minutes.</summary>
/// <param name="Poll">Between two <c>deployment(id)</c> queries while a deploy waits (pulse-railway polls every 2 s).</param>
/// <param name="DeleteRetryFirst">The janitor's first wait after a failed <c>serviceDelete</c>; each next one doubles.</param>
/// <param name="DeleteRetryMax">The longest wait between two attempts: a deletion is retried until Railway confirms it.</param>
internal sealed record RailwayTimings(TimeSpan Poll, TimeSpan DeleteRetryFirst, TimeSpan DeleteRetryMax, RailwayRetryPolicy Retry)
{
    public static readonly RailwayTimings Default = new(
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), RailwayRetryPolicy.Default);

    public TimeSpan DeleteRetryAfter(int failedAttempts)
    {
        var wait = DeleteRetryFirst * Math.Pow(2, Math.Min(failedAttempts - 1, 16));
        return wait > DeleteRetryMax ? DeleteRetryMax : wait;
    }
}
