using System.Globalization;
using System.Net.Http.Headers;
using Orchestrator.Railway.Http;

namespace Orchestrator.Railway.Tests.Http;

public sealed class RetryDelayTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly RailwayRetryPolicy Policy = new(5, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8));
    private static readonly string ResetIn30Seconds = Now.AddSeconds(30).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void Decide_Retry_After_seconds_wins()
    {
        using var response = Answer(remaining: "0", reset: ResetIn30Seconds);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(2));

        Assert.Equal(TimeSpan.FromSeconds(2), RetryDelay.Decide(response.Headers, 1, Policy, Now));
    }

    [Fact]
    public void Decide_exhausted_rate_limit_waits_until_its_reset()
    {
        using var response = Answer(remaining: "0", reset: ResetIn30Seconds);

        Assert.Equal(TimeSpan.FromSeconds(30), RetryDelay.Decide(response.Headers, 1, Policy, Now));
    }

    [Fact]
    public void Decide_reset_as_a_date_is_read_too()
    {
        using var response = Answer(remaining: "0", reset: Now.AddSeconds(10).ToString("O"));

        Assert.Equal(TimeSpan.FromSeconds(10), RetryDelay.Decide(response.Headers, 1, Policy, Now));
    }

    [Fact]
    public void Decide_remaining_budget_ignores_the_reset()
    {
        using var response = Answer(remaining: "12", reset: ResetIn30Seconds);

        Assert.Equal(TimeSpan.FromSeconds(1), RetryDelay.Decide(response.Headers, 1, Policy, Now));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 8)]
    [InlineData(9, 8)]
    public void Backoff_doubles_up_to_its_cap(int attempt, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryDelay.Backoff(attempt, Policy));
    }

    private static HttpResponseMessage Answer(string remaining, string reset)
    {
        var response = new HttpResponseMessage();
        response.Headers.Add(RetryDelay.RateLimitRemainingHeader, remaining);
        response.Headers.Add(RetryDelay.RateLimitResetHeader, reset);
        return response;
    }
}
