using Orchestrator.Integration.Tests.Harness;
using Orchestrator.Railway.Fake;
using Xunit;

namespace Orchestrator.Integration.Tests.Railway;

/// <summary>
/// <c>orch deploy --stack</c> of Railway apps, sent to their control service: each app deploys through the Railway
/// runtime (a Railway service per deployment behind its router), in dependency order.
/// </summary>
public sealed class RailwayStackTests(FakeRailwayControl control) : IClassFixture<FakeRailwayControl>
{
    private FakeRailway Fake => control.Fake;

    private OrchEnvironment Orch => control.Orch;

    [Fact]
    public async Task StackOfTwoRailwayApps_DeploysTheDependencyFirst_EachAsARailwayServiceBehindItsRouter()
    {
        var apps = new[] { "stackdb", "stackweb" }.Select(name =>
        {
            var image = $"registry.test/{name}:a";
            control.MapTestApp(image);
            return RailwayTestApp.Create(name, Fake.State.Seed(name)) with { RailwayExtra = $"image = \"{image}\"" };
        }).ToArray();
        var configs = apps.Select(a => a.WriteConfig(Orch.Root)).ToArray();
        var root = Path.GetDirectoryName(Path.GetDirectoryName(configs[0]))!;
        var stackFile = Path.Combine(root, "orch.stack.toml");
        await File.WriteAllTextAsync(stackFile, """
            stack = "railway-pair"

            [[app]]
            config = "stackdb/orch.toml"

            [[app]]
            config = "stackweb/orch.toml"
            depends_on = ["stackdb"]
            """);

        var run = await Orch.RunAsync("deploy", "--stack", stackFile, "--release-path", root, "--json");
        Assert.True(run.ExitCode == 0, $"{run}\n--- daemon ---\n{Orch.ReadDaemonLog()}");

        var started = new List<DateTimeOffset>();
        foreach (var app in apps)
        {
            var status = await Orch.AppAsync(app.App);
            var active = status.ActiveDeploymentId ?? throw new Xunit.Sdk.XunitException($"{app.App} has no active deployment: {run}");
            var service = control.ServiceNamed(app.Seed, $"{app.App}-{active}") ?? throw new Xunit.Sdk.XunitException($"no Railway service {app.App}-{active}");
            started.Add(Fake.Calls.First(c => c.OperationName == "ServiceCreate" && c.Variables.Contains($"{app.App}-{active}", StringComparison.Ordinal)).At);
            Assert.Contains("\"revision\":", await DeployHarness.GetAsync(app.BaseUri), StringComparison.Ordinal);
            Assert.NotNull(service);
        }

        // The dependent app's service was created only once its dependency was active.
        var dbActivated = (await Orch.AppAsync("stackdb")).Deployments.Single(d => d.State == "active").ActivatedAt
            ?? throw new Xunit.Sdk.XunitException("stackdb's active deployment has no activation time");
        Assert.True(started[1] >= dbActivated, $"stackweb's service was created at {started[1]:HH:mm:ss.fff}, before stackdb went active at {dbActivated:HH:mm:ss.fff}");
    }
}
