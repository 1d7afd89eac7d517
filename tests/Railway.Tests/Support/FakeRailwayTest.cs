using Microsoft.Extensions.Logging;
using Orchestrator.Railway.Auth;
using Orchestrator.Railway.Fake;
using Orchestrator.Railway.Http;

namespace Orchestrator.Railway.Tests.Support;

/// <summary>A fresh fake Railway per test, with one seeded project environment and a token of each kind.</summary>
public abstract class FakeRailwayTest : IAsyncLifetime
{
    /// <summary>Retries quick enough for tests; a test of Railway's own waits sets its own bounds.</summary>
    internal static readonly RailwayRetryPolicy QuickRetry = new(
        MaxAttempts: 3, MaxTotalTime: TimeSpan.FromSeconds(10), FirstBackoff: TimeSpan.FromMilliseconds(10), MaxBackoff: TimeSpan.FromMilliseconds(50));

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(15) };

    internal FakeRailway Fake { get; private set; } = null!;

    internal FakeSeed Seed { get; private set; } = null!;

    internal string ProjectToken { get; private set; } = null!;

    internal string AccountToken { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Fake = await FakeRailway.StartAsync();
        Seed = Fake.State.Seed("shop");
        ProjectToken = Fake.State.IssueProjectToken(Seed);
        AccountToken = Fake.State.IssueAccountToken();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await Fake.DisposeAsync();
    }

    internal RailwayClient Client(RailwayToken token, RailwayRetryPolicy? retry = null, ILogger<RailwayClient>? logger = null) =>
        new(_http, token, new RailwayClientOptions { Endpoint = Fake.Endpoint, Retry = retry ?? QuickRetry }, logger);

    internal RailwayClient AccountClient(RailwayRetryPolicy? retry = null) => Client(RailwayToken.Account(AccountToken), retry);

    /// <summary>Asserts that neither token appears in a failure's message or its full text.</summary>
    internal void AssertNoToken(Exception failure)
    {
        foreach (var token in new[] { ProjectToken, AccountToken })
        {
            Assert.DoesNotContain(token, failure.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(token, failure.ToString(), StringComparison.Ordinal);
        }
    }
}
