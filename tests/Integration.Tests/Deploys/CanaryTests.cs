using Orchestrator.Control.Contracts;
using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.Deploys;

/// <summary>Canary deploys through the real daemon, router and CLI: a sticky percentage split, a cookie rule, promote and rollback.</summary>
public sealed class CanaryTests : IAsyncLifetime
{
    private OrchEnvironment _orch = null!;

    public async Task InitializeAsync() => _orch = await OrchEnvironment.StartAsync();

    public async Task DisposeAsync() => await _orch.DisposeAsync();

    [Fact]
    public async Task Canary20Percent_UnderLoad_SplitsStickyThenPromoteServesAllWithNoFailure()
    {
        const int clients = 100;
        var app = TestApp.Create("canary") with { Drain = "5s" };
        await _orch.DeployOkAsync(app, "r1");
        await using var load = CookieJarLoad.Start(app.BaseUri, clients, "before");
        await Eventually.TrueAsync(() => Task.FromResult(load.Count("before") > clients), "load to flow to r1");

        var canary = await _orch.DeployCanaryAsync(app, "r2", "20%");
        Assert.True(canary.ExitCode == 0, canary.ToString());
        Assert.Contains("canary", canary.Output);
        load.Phase = "canary"; // from here on the split is in every router
        await Eventually.TrueAsync(
            () => Task.FromResult(load.ByClient("canary").Count == clients && load.ByClient("canary").Values.All(c => c.Values.Sum() >= 20)),
            "every client to send 20 requests during the canary", TimeSpan.FromSeconds(120));
        var status = await _orch.AppAsync(app.App);

        // Requests started while the promote runs may go either way; the next phase starts once it returned.
        load.Phase = "promoting";
        var promote = await _orch.RunAsync("promote", "--app", app.App);
        Assert.True(promote.ExitCode == 0, promote.ToString());
        load.Phase = "promoted";
        await Eventually.TrueAsync(() => Task.FromResult(load.Count("promoted") > clients * 5), "load to flow after the promote");
        await load.StopAsync();

        Assert.Empty(load.Failures);
        var sides = load.ByClient("canary");
        Assert.All(sides, client => Assert.True(client.Value.Count == 1, $"client {client.Key} was answered by {string.Join(", ", client.Value)}"));
        var share = (double)load.Count("canary", "r2") / load.Count("canary");
        Assert.InRange(share, 0.15, 0.25);
        Assert.Equal(load.Count("promoted"), load.Count("promoted", "r2"));

        Assert.Equal("canary", status.Deployment("r2").State);
        Assert.Equal("20%", status.Deployment("r2").Canary);
        Assert.True(status.Deployment("r2").Connections.Requests >= load.Count("canary", "r2") / 2, "status counts the canary's requests");
        Assert.True(status.Deployment("r1").Connections.Requests > status.Deployment("r2").Connections.Requests, "status counts the stable side's requests");
        Assert.Equal(status.Deployment("r1").Id, status.ActiveDeploymentId);
        var promoted = await _orch.AppAsync(app.App);
        Assert.Equal(promoted.Deployment("r2").Id, promoted.ActiveDeploymentId);
        Assert.Equal("active", promoted.Deployment("r2").State);
        Assert.Null(promoted.Deployment("r2").Canary);
        Assert.Contains(promoted.Deployment("r1").State, new[] { "draining", "stopping", "retired" });
    }

    [Fact]
    public async Task CanaryByCookie_OnlyThatCookieReachesIt_SecondDeployRefused_RollbackRetiresIt()
    {
        var app = TestApp.Create("beta");
        await _orch.DeployOkAsync(app, "r1");

        var canary = await _orch.DeployCanaryAsync(app, "r2", "cookie:beta=1");
        Assert.True(canary.ExitCode == 0, canary.ToString());

        Assert.Equal("r2", await RevisionAsync(app, "beta=1"));
        Assert.Equal("r1", await RevisionAsync(app, "beta=2"));
        Assert.Equal("r1", await RevisionAsync(app, null));
        var status = await _orch.AppAsync(app.App);
        Assert.Equal("canary", status.Deployment("r2").State);
        Assert.Equal("cookie:beta=1", status.Deployment("r2").Canary);

        var second = await _orch.DeployAsync(app, "r3");
        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains("canary", second.Output);
        Assert.Contains("orch promote", second.Output);
        Assert.Contains("orch rollback", second.Output);

        await using var load = LoadGenerator.Start(app.BaseUri, clients: 4);
        var rollback = await _orch.RunAsync("rollback", "--app", app.App);
        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.Equal("r1", await RevisionAsync(app, "beta=1"));
        await Eventually.TrueAsync(() => Task.FromResult(load.Succeeded > 50), "load to flow");
        await load.StopAsync();

        Assert.Empty(load.Failures);
        var after = await _orch.AppAsync(app.App);
        Assert.Equal(after.Deployment("r1").Id, after.ActiveDeploymentId);
        Assert.Contains(after.Deployment("r2").State, new[] { "draining", "stopping", "retired" });
        var next = await _orch.DeployAsync(app, "r3");
        Assert.True(next.ExitCode == 0, next.ToString());
    }

    [Fact]
    public async Task Canary_DaemonKilled_IsStillLiveAfterTheRestartAndPromotes()
    {
        var app = TestApp.Create("restart");
        await _orch.DeployOkAsync(app, "r1");
        var canary = await _orch.DeployCanaryAsync(app, "r2", "cookie:beta=1");
        Assert.True(canary.ExitCode == 0, canary.ToString());

        await _orch.KillDaemonAsync();
        await _orch.StartDaemonAsync();

        var recovered = await Eventually.ValueAsync(
            async () => (await _orch.StatusAsync()).Apps.FirstOrDefault(a => a.App == app.App) ?? new AppStatus(app.App, null, null, null, false, [], []),
            a => a.Deployments.Any(d => d.Revision == "r2" && d.State == "canary"),
            "the restarted daemon to recover the canary");
        Assert.Equal("cookie:beta=1", recovered.Deployment("r2").Canary);
        Assert.Equal(recovered.Deployment("r1").Id, recovered.ActiveDeploymentId);
        Assert.Equal("r2", await RevisionAsync(app, "beta=1"));
        Assert.Equal("r1", await RevisionAsync(app, null));

        var promote = await _orch.RunAsync("promote", "--app", app.App);
        Assert.True(promote.ExitCode == 0, promote.ToString());
        Assert.Equal("r2", await RevisionAsync(app, null));
    }

    [Fact]
    public async Task Promote_WithoutCanary_FailsSayingSo()
    {
        var app = TestApp.Create("nocanary");
        await _orch.DeployOkAsync(app, "r1");

        var promote = await _orch.RunAsync("promote", "--app", app.App);

        Assert.NotEqual(0, promote.ExitCode);
        Assert.Contains("no canary", promote.Output);
        Assert.Contains("--canary", promote.Output);
    }

    [Theory]
    [InlineData("0%", "1% to 99%")]
    [InlineData("100%", "1% to 99%")]
    [InlineData("abc", "neither a percentage nor a cookie rule")]
    [InlineData("cookie:beta", "name the cookie and its value")]
    public async Task DeployCanary_BadRule_IsUsageError(string rule, string message)
    {
        var app = TestApp.Create("badrule");

        var result = await _orch.DeployCanaryAsync(app, "r1", rule);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Output);
    }

    private static async Task<string> RevisionAsync(TestApp app, string? cookie)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, app.BaseUri);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.EnsureSuccessStatusCode();
        return TestAppAnswer.Revision(body);
    }
}
