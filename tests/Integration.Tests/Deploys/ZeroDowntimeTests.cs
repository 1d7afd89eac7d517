using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.Deploys;

/// <summary>The promise of the product: a deploy under load loses nothing, and what is in flight finishes.</summary>
public sealed class ZeroDowntimeTests : IAsyncLifetime
{
    private OrchEnvironment _orch = null!;

    public async Task InitializeAsync() => _orch = await OrchEnvironment.StartAsync();

    public async Task DisposeAsync() => await _orch.DisposeAsync();

    [Fact]
    public async Task Deploy_TenBackToBackUnderFiftyKeepAliveClients_LosesNoRequest()
    {
        var app = TestApp.Create("load") with { Drain = "10s" };
        await _orch.DeployOkAsync(app, "r1");
        await using var load = LoadGenerator.Start(app.BaseUri, clients: 50);
        await Eventually.TrueAsync(() => Task.FromResult(load.Succeeded > 200), "load to flow through the router");

        for (var i = 2; i <= 11; i++)
        {
            await _orch.DeployOkAsync(app, $"r{i}");
        }

        await Eventually.TrueAsync(() => Task.FromResult(load.AnsweredBy.ContainsKey("r11")), "the last release to answer");
        var before = load.Succeeded;
        await Eventually.TrueAsync(() => Task.FromResult(load.Succeeded > before + 200), "load to keep flowing after the deploys");
        await load.StopAsync();

        Assert.True(load.Failures.Count == 0,
            $"{load.Failures.Count} of {load.Succeeded + load.Failures.Count} requests failed, e.g.:\n{string.Join("\n", load.Failures.Take(10))}");
        Assert.True(load.AnsweredBy.Count >= 2, "requests were answered by only one release: " + string.Join(", ", load.AnsweredBy.Keys));
    }

    [Fact]
    public async Task Deploy_SlowRequestInFlightOnOldDeployment_CompletesAfterTheSwitch()
    {
        var app = TestApp.Create("slow");
        await _orch.DeployOkAsync(app, "r1");
        var oldDeployment = (await _orch.AppAsync(app.App)).ActiveDeploymentId;

        var slow = DeployHarness.GetAsync(new Uri(app.BaseUri, "/slow?ms=4000"));
        await Eventually.TrueAsync(
            async () => (await _orch.AppAsync(app.App)).Deployment("r1").Connections.Http >= 1,
            "the slow request to be counted on the old deployment");
        await _orch.DeployOkAsync(app, "r2");
        Assert.Contains("\"revision\":\"r2\"", await DeployHarness.GetAsync(app.BaseUri));

        Assert.Equal($"slow 4000ms from {oldDeployment}", await slow);
    }

    [Fact]
    public async Task Deploy_OpenSseStreamOnOldDeployment_FlowsUntilDrainTimeoutThenCloses()
    {
        var app = TestApp.Create("sse") with { Drain = "4s" };
        await _orch.DeployOkAsync(app, "r1");
        var oldDeployment = (await _orch.AppAsync(app.App)).ActiveDeploymentId!;
        using var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var response = await client.GetAsync(new Uri(app.BaseUri, "/sse?interval=100"), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.StartsWith($"data: {oldDeployment}", await reader.ReadLineAsync());

        await _orch.DeployOkAsync(app, "r2");
        var eventsAfterSwitch = await CountEventsUntilClosedAsync(reader, oldDeployment);

        Assert.True(eventsAfterSwitch >= 10, $"the stream stopped flowing after the switch ({eventsAfterSwitch} events)");
        // The router ends the stream at the deadline by its own clock while the daemon, at the same moment, begins to
        // stop the deployment: the read lands before, during or after that stop, never on an active deployment.
        var old = (await _orch.AppAsync(app.App)).Deployments.First(d => d.Id == oldDeployment);
        Assert.Contains(old.State, new[] { "draining", "stopping", "retired" });
        await Eventually.TrueAsync(async () => (await _orch.AppAsync(app.App)).Deployments.First(d => d.Id == oldDeployment).State == "retired",
            "the drained deployment to retire");
    }

    /// <summary>Reads events until the router closes the stream (cleanly or by abort); each must come from <paramref name="deployment"/>.</summary>
    private static async Task<int> CountEventsUntilClosedAsync(StreamReader reader, string deployment)
    {
        var events = 0;
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (await reader.ReadLineAsync(bound.Token) is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    Assert.StartsWith($"data: {deployment}", line);
                    events++;
                }
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            // The router aborted the stream at the drain deadline: closed, as it should be.
        }

        return events;
    }
}
