namespace Orchestrator.Railway.Http;

/// <summary>How long 429 and 5xx answers are retried: both bounds hold, whichever is reached first.</summary>
/// <param name="MaxAttempts">Calls in all, the first included.</param>
/// <param name="MaxTotalTime">A retry whose wait would end past this (from the first call) is not made.</param>
/// <param name="FirstBackoff">The wait after the first failure when Railway names none; it doubles each time.</param>
/// <param name="MaxBackoff">The longest wait of our own; a wait Railway names is bounded only by <paramref name="MaxTotalTime"/>.</param>
internal sealed record RailwayRetryPolicy(int MaxAttempts, TimeSpan MaxTotalTime, TimeSpan FirstBackoff, TimeSpan MaxBackoff)
{
    public static readonly RailwayRetryPolicy Default = new(
        MaxAttempts: 6,
        MaxTotalTime: TimeSpan.FromMinutes(2),
        FirstBackoff: TimeSpan.FromSeconds(1),
        MaxBackoff: TimeSpan.FromSeconds(30));
}
