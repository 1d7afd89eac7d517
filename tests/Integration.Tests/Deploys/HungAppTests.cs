using System.Net;
using System.Text.Json;
using Orchestrator.Control.Contracts;
using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.Deploys;

/// <summary>An active app that hangs or grows too big is noticed and restarted; requests stuck on it end with 504.</summary>
public sealed class HungAppTests : IAsyncLifetime
{
    private OrchEnvironment _orch = null!;

    public async Task InitializeAsync() => _orch = await OrchEnvironment.StartAsync();

    public async Task DisposeAsync() => await _orch.DisposeAsync();

    [Fact]
    public async Task ActiveApp_Sigstopped_RequestsEndWith504AndItIsMarkedUnhealthyAndRestarted()
    {
        // The backoff keeps the restart visible in status for a while; probes are slower than the request timeout,
        // so requests time out before the restart would end them another way.
        var app = TestApp.Create("hung") with
        {
            ProxyExtra = "request_timeout = \"2s\"",
            HealthExtra = ", interval_active = \"500ms\", unhealthy_after = 3",
            Restart = "{ max_restarts = 5, window = \"60s\", initial_delay = \"3s\", max_delay = \"5s\" }",
        };
        await _orch.DeployOkAsync(app, "r1");
        var before = Web(await _orch.AppAsync(app.App));
        Assert.Equal("healthy", before.Health);
        using var client = new HttpClient { BaseAddress = app.BaseUri, Timeout = TimeSpan.FromSeconds(30) };

        var inFlight = Enumerable.Range(0, 3).Select(_ => client.GetAsync("/slow?ms=1500")).ToList();
        await StopAsync(before.Pid!.Value);
        var afterStop = Enumerable.Range(0, 3).Select(_ => client.GetAsync("/")).ToList();

        foreach (var response in await Task.WhenAll(inFlight.Concat(afterStop)))
        {
            Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
            Assert.Contains("did not answer within 2s (request_timeout)", await response.Content.ReadAsStringAsync());
            response.Dispose();
        }

        var unhealthy = await Eventually.ValueAsync(async () => Web(await _orch.AppAsync(app.App)), p => p.Health == "unhealthy",
            "status to show web unhealthy");
        Assert.StartsWith("3 health checks in a row failed: GET http://127.0.0.1:", unhealthy.HealthDetail);
        var text = await _orch.RunAsync("status", "--app", app.App);
        Assert.Contains("unhealthy: 3 health checks in a row failed", text.Stdout);

        var restarted = await Eventually.ValueAsync(async () => Web(await _orch.AppAsync(app.App)),
            p => p.Health == "healthy" && p.State == "running" && p.Restarts == 1, "web to be restarted and healthy again");
        Assert.NotEqual(before.Pid, restarted.Pid);
        Assert.StartsWith("unhealthy: 3 health checks in a row failed", restarted.LastRestartReason);
        using var served = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(restarted.Pid, JsonDocument.Parse(await served.Content.ReadAsStringAsync()).RootElement.GetProperty("pid").GetInt32());
    }

    [Fact]
    public async Task ActiveApp_AboveItsMemoryLimitForTheGrace_IsRestartedWithTheReasonInStatus()
    {
        var app = TestApp.Create("hog") with
        {
            Environment = "GROW_MEMORY_MB = \"150\"",
            WebExtra = "memory_limit = \"100MB\"\nmemory_limit_grace = \"1s\"",
        };
        await _orch.DeployOkAsync(app, "r1");
        var before = Web(await _orch.AppAsync(app.App));

        var restarted = await Eventually.ValueAsync(async () => Web(await _orch.AppAsync(app.App)),
            p => p.Restarts == 1 && p.State == "running", "web to be restarted for its memory");

        // The app grows past its limit at once: on a busy machine the restart may come before the first status read.
        if (before.Restarts == 0)
        {
            Assert.NotEqual(before.Pid, restarted.Pid);
        }

        Assert.Matches(@"^memory: RSS \d+(\.\d)? MB above memory_limit 100 MB for 1s$", restarted.LastRestartReason);
        var text = await _orch.RunAsync("status", "--app", app.App);
        Assert.Contains("last restart: memory: RSS", text.Stdout);
        Assert.Equal("r1", JsonDocument.Parse(await DeployHarness.GetAsync(app.BaseUri)).RootElement.GetProperty("revision").GetString());
    }

    private static ProcessStatus Web(AppStatus app) => app.Deployment("r1").Processes.Single(p => p.Id == "web");

    private static async Task StopAsync(int pid)
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-STOP", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }
}
