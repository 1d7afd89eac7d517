using System.Net;
using System.Net.Sockets;
using System.Text;
using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.BadInput;

/// <summary>Bad input gets a clear error, and loses nothing: the daemon keeps running, the active deployment keeps serving.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private OrchEnvironment _orch = null!;

    public async Task InitializeAsync() => _orch = await OrchEnvironment.StartAsync();

    public async Task DisposeAsync() => await _orch.DisposeAsync();

    [Fact]
    public async Task Validate_ConfigWithSeveralMistakes_ReportsEveryOneAndExitsOne()
    {
        var path = Path.Combine(_orch.Root, "bad.toml");
        await File.WriteAllTextAsync(path, """
            app = "Bad App"
            [proxy]
            listen = "127.0.0.1:99999"
            drain_timeout = "soon"
            [[process]]
            id = "web"
            policy = "proxied"
            command = "node app.js {{prot}}"
            port = "18000-18010"
            helth = { path = "/ping" }
            """);

        var result = await _orch.RunAsync("validate", "--config", path);

        Assert.Equal(1, result.ExitCode);
        foreach (var key in new[] { "app", "proxy.listen", "proxy.drain_timeout", "helth", "prot" })
        {
            Assert.Contains(key, result.Output);
        }
    }

    [Fact]
    public async Task Deploy_ReleasePathMissing_ExitsOneSayingSo()
    {
        var app = TestApp.Create("missing");
        var config = Path.Combine(app.WriteRelease(_orch.Root, "r1"), "orch.toml");

        var result = await _orch.RunAsync("deploy", "--config", config, "--release-path", Path.Combine(_orch.Root, "nowhere"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("does not exist", result.Output);
        Assert.Contains(Path.Combine(_orch.Root, "nowhere"), result.Output);
    }

    [Fact]
    public async Task Deploy_CommandNotFound_ExitsOneNamingIt()
    {
        var app = TestApp.Create("nocommand") with { Command = "definitely-not-a-command-4711" };

        var result = await _orch.DeployAsync(app, "r1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("definitely-not-a-command-4711", result.Output);
        Assert.Contains("not found", result.Output);
    }

    [Fact]
    public async Task Deploy_PortRangeExhausted_ExitsOneSayingHowManyPortsAreInUse()
    {
        using var squatter = new TcpListener(IPAddress.Any, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var app = TestApp.Create("noport") with { PortRange = $"{port}-{port}" };

        var result = await _orch.DeployAsync(app, "r1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no free port", result.Output);
        Assert.Contains("in use", result.Output);
    }

    [Fact]
    public async Task ControlApi_UnknownRouteAndMalformedJson_Get4xxWithMessageAndDaemonKeepsRunning()
    {
        using var client = UnixSocketHttp.Create(_orch.ControlSocket);

        using var unknown = await client.PostAsync("/v1/explode", new StringContent("{}", Encoding.UTF8, "application/json"));
        using var malformed = await client.PostAsync("/v1/deploy", new StringContent("{not json", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("unknown control route", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.NotEmpty(await malformed.Content.ReadAsStringAsync());
        using var health = await client.GetAsync("/v1/health");
        Assert.True(health.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Deploy_WhileAnotherDeployOfTheAppRuns_IsRefusedAndTheFirstCompletes()
    {
        var app = TestApp.Create("busy");
        var first = _orch.DeployAsync(app with { Environment = "LISTEN_DELAY_MS = \"4000\"" }, "r1");
        await Eventually.TrueAsync(async () =>
        {
            var status = await _orch.StatusAsync();
            return status.Apps.Any(a => a.App == app.App && a.DeployInProgress);
        }, "the first deploy to be under way");

        var second = await _orch.DeployAsync(app, "r2");

        Assert.Equal(1, second.ExitCode);
        Assert.Contains("already running", second.Output);
        Assert.Equal(0, (await first).ExitCode);
    }

    [Fact]
    public async Task Stop_App_RouterAnswers503WithAClearBody()
    {
        var app = TestApp.Create("stopme");
        await _orch.DeployOkAsync(app, "r1");

        var stop = await _orch.RunAsync("stop", "--app", app.App);

        Assert.Equal(0, stop.ExitCode);
        using var client = new HttpClient();
        using var response = await client.GetAsync(app.BaseUri);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("no active deployment", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Rollback_AfterDeploy_ServesThePreviousReleaseAgain()
    {
        var app = TestApp.Create("rollback");
        await _orch.DeployOkAsync(app, "r1");
        await _orch.DeployOkAsync(app, "r2");

        var rollback = await _orch.RunAsync("rollback", "--app", app.App);

        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.Contains("\"revision\":\"r1\"", await DeployHarness.GetAsync(app.BaseUri));
    }

    [Fact]
    public async Task Rollback_ToADeploymentStillDraining_ReactivatesItsRunningProcess()
    {
        var app = TestApp.Create("reactivate") with { Drain = "60s" };
        await _orch.DeployOkAsync(app, "r1");
        var r1 = (await _orch.AppAsync(app.App)).Deployment("r1");
        using var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var stream = await client.GetAsync(new Uri(app.BaseUri, "/sse?interval=200"), HttpCompletionOption.ResponseHeadersRead);
        await _orch.DeployOkAsync(app, "r2");
        Assert.Equal("draining", (await _orch.AppAsync(app.App)).Deployment("r1").State);

        var rollback = await _orch.RunAsync("rollback", "--app", app.App);

        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        var status = await _orch.AppAsync(app.App);
        Assert.Equal(r1.Id, status.ActiveDeploymentId);
        Assert.Equal(r1.Processes.Single(p => p.Id == "web").Pid, status.Deployment("r1").Processes.Single(p => p.Id == "web").Pid);
        Assert.Contains("\"revision\":\"r1\"", await DeployHarness.GetAsync(app.BaseUri));
    }
}
