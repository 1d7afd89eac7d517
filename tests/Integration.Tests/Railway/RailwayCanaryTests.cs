using Orchestrator.Integration.Tests.Harness;
using Orchestrator.Railway.Fake;
using Xunit;

namespace Orchestrator.Integration.Tests.Railway;

/// <summary>
/// <c>orch railway deploy --canary</c>: the canary is a Railway service of its own, and the route table the router
/// service reads carries the rule, so the split works as on one host; <c>orch promote</c> makes it active.
/// </summary>
public sealed class RailwayCanaryTests(FakeRailwayControl control) : IClassFixture<FakeRailwayControl>
{
    private FakeRailway Fake => control.Fake;

    private OrchEnvironment Orch => control.Orch;

    [Fact]
    public async Task CanaryByCookie_OnRailway_OnlyThatCookieReachesIt_ThenPromoteServesEveryRequest_WithNoFailure()
    {
        const string imageA = "registry.test/beta:a";
        const string imageB = "registry.test/beta:b";
        control.MapTestApp(imageA);
        control.MapTestApp(imageB);
        var app = RailwayTestApp.Create("beta", Fake.State.Seed("beta")) with { Drain = "2s" };
        await Orch.RailwayDeployOkAsync(app, imageA, "a1");

        var canary = await Orch.RunAsync(
            "railway", "deploy", "--image", imageB, "--config", app.WriteConfig(Orch.Root), "--deployment-id", "b1", "--canary", "cookie:beta=1");
        Assert.True(canary.ExitCode == 0, $"{canary}\n--- daemon ---\n{Orch.ReadDaemonLog()}");
        Assert.NotNull(control.ServiceNamed(app.Seed, "beta-b1"));
        Assert.Equal("b", await RevisionAsync(app, "beta=1"));
        Assert.Equal("a", await RevisionAsync(app, "beta=2"));
        Assert.Equal("a", await RevisionAsync(app, null));
        var live = await Orch.AppAsync(app.App);
        Assert.Equal("a1", live.ActiveDeploymentId);
        Assert.Equal("canary", live.Deployments.Single(d => d.Id == "b1").State);

        await using var load = LoadGenerator.Start(app.BaseUri, clients: 4);
        await Eventually.TrueAsync(() => Task.FromResult(load.Succeeded > 20), "load through the router");
        var promote = await Orch.RunAsync("promote", "--app", app.App);
        Assert.True(promote.ExitCode == 0, promote.ToString());
        Assert.Equal("b", await RevisionAsync(app, null));
        await Eventually.TrueAsync(
            () => Task.FromResult(control.ServiceNamed(app.Seed, "beta-a1") is null), "the janitor to delete the drained a1's service", TimeSpan.FromSeconds(60));
        await load.StopAsync();

        Assert.True(load.Failures.Count == 0, $"across the promote: {string.Join("; ", load.Failures.Take(5))}");
        Assert.Equal("b1", (await Orch.AppAsync(app.App)).ActiveDeploymentId);
    }

    private static async Task<string> RevisionAsync(RailwayTestApp app, string? cookie)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
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
