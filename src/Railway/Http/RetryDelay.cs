using System.Globalization;
using System.Net.Http.Headers;

namespace Orchestrator.Railway.Http;

/// <summary>How long to wait before retrying a 429 or 5xx: what Railway says first, our backoff otherwise.</summary>
internal static class RetryDelay
{
    public const string RateLimitRemainingHeader = "X-RateLimit-Remaining";
    public const string RateLimitResetHeader = "X-RateLimit-Reset";

    // X-RateLimit-Reset is not documented precisely: above these it reads as a Unix time in ms or s, below as seconds from now.
    private const long UnixMillisecondsThreshold = 100_000_000_000;
    private const long UnixSecondsThreshold = 100_000_000;

    /// <param name="attempt">The number of the call that just failed, from 1.</param>
    public static TimeSpan Decide(HttpResponseHeaders headers, int attempt, RailwayRetryPolicy policy, DateTimeOffset now)
    {
        if (FromRetryAfter(headers.RetryAfter, now) is { } retryAfter)
            return retryAfter;
        if (FromRateLimitReset(headers, now) is { } reset)
            return reset;
        return Backoff(attempt, policy);
    }

    public static TimeSpan Backoff(int attempt, RailwayRetryPolicy policy)
    {
        var factor = Math.Pow(2, Math.Max(0, attempt - 1));
        var ticks = Math.Min(policy.FirstBackoff.Ticks * factor, policy.MaxBackoff.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    private static TimeSpan? FromRetryAfter(RetryConditionHeaderValue? retryAfter, DateTimeOffset now) => retryAfter switch
    {
        { Delta: { } delta } => NotNegative(delta),
        { Date: { } date } => NotNegative(date - now),
        _ => null,
    };

    // Only an exhausted window says when to come back; a remaining budget says nothing about a 5xx.
    private static TimeSpan? FromRateLimitReset(HttpResponseHeaders headers, DateTimeOffset now)
    {
        if (Single(headers, RateLimitRemainingHeader) is not { } remaining
            || !long.TryParse(remaining, NumberStyles.Integer, CultureInfo.InvariantCulture, out var left) || left > 0)
            return null;
        if (Single(headers, RateLimitResetHeader) is not { } reset)
            return null;
        if (long.TryParse(reset, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            return number switch
            {
                >= UnixMillisecondsThreshold => NotNegative(DateTimeOffset.FromUnixTimeMilliseconds(number) - now),
                >= UnixSecondsThreshold => NotNegative(DateTimeOffset.FromUnixTimeSeconds(number) - now),
                _ => TimeSpan.FromSeconds(Math.Max(0, number)),
            };
        }
        return DateTimeOffset.TryParse(reset, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? NotNegative(at - now)
            : null;
    }

    private static string? Single(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault()?.Trim() : null;

    private static TimeSpan NotNegative(TimeSpan delay) => delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
}
