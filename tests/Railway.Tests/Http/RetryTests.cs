using System.Diagnostics;
using System.Net;
using Orchestrator.Railway.Fake;
using Orchestrator.Railway.Http;
using Orchestrator.Railway.Tests.Support;

namespace Orchestrator.Railway.Tests.Http;

public sealed class RetryTests : FakeRailwayTest
{
    [Fact]
    public async Task TooManyRequests_with_Retry_After_2_is_waited_out()
    {
        Fake.Faults.Next(1, new FakeFault.TooManyRequests(RetryAfterSeconds: 2));
        var client = AccountClient(QuickRetry with { MaxTotalTime = TimeSpan.FromSeconds(10) });
        var clock = Stopwatch.StartNew();

        var project = await client.GetProjectAsync(Seed.ProjectId);

        Assert.Equal("shop", project.Name);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.9), $"retried after {clock.Elapsed}, before Retry-After");
        Assert.Equal(2, Fake.Calls.Count);
    }

    [Fact]
    public async Task Retry_After_beyond_the_total_bound_fails_at_once()
    {
        Fake.Faults.Next(1, new FakeFault.TooManyRequests(RetryAfterSeconds: 60));
        var client = AccountClient(QuickRetry with { MaxTotalTime = TimeSpan.FromSeconds(5) });

        var failed = await Assert.ThrowsAsync<RailwayHttpException>(() => client.GetProjectAsync(Seed.ProjectId));

        Assert.Equal(HttpStatusCode.TooManyRequests, failed.Status);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("You are being rate limited", failed.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(failed.TraceId));
        Assert.Single(Fake.Calls);
        AssertNoToken(failed);
    }

    [Fact]
    public async Task Server_error_is_retried_then_succeeds()
    {
        Fake.Faults.Next(2, new FakeFault.ServerError(Status: 502));

        var project = await AccountClient().GetProjectAsync(Seed.ProjectId);

        Assert.Equal(Seed.ProjectId, project.Id);
        Assert.Equal(3, Fake.Calls.Count);
    }

    [Fact]
    public async Task Always_503_gives_up_naming_the_status_and_the_attempts()
    {
        Fake.Faults.Always(new FakeFault.ServerError(Status: 503));
        var logger = new CapturingLogger<RailwayClient>();
        var client = Client(Orchestrator.Railway.Auth.RailwayToken.Account(AccountToken), logger: logger);

        var failed = await Assert.ThrowsAsync<RailwayHttpException>(() => client.GetProjectAsync(Seed.ProjectId));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.Status);
        Assert.Equal(QuickRetry.MaxAttempts, failed.Attempts);
        Assert.Contains("HTTP 503", failed.Message, StringComparison.Ordinal);
        Assert.Contains($"after {QuickRetry.MaxAttempts} attempts", failed.Message, StringComparison.Ordinal);
        Assert.Equal(QuickRetry.MaxAttempts, Fake.Calls.Count);
        AssertNoToken(failed);
        Assert.All(logger.Lines, line => Assert.DoesNotContain(AccountToken, line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Html_access_denied_page_is_an_error_that_says_so()
    {
        Fake.Faults.Next(1, new FakeFault.AccessDeniedPage());

        var failed = await Assert.ThrowsAsync<RailwayHtmlResponseException>(() => AccountClient().GetProjectAsync(Seed.ProjectId));

        Assert.Contains("HTML page instead of GraphQL JSON", failed.Message, StringComparison.Ordinal);
        Assert.Contains("Access denied", failed.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, failed.Status);
        Assert.Single(Fake.Calls);
        AssertNoToken(failed);
    }
}
