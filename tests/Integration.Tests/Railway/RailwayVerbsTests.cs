using System.Text.Json;
using Orchestrator.Integration.Tests.Harness;
using Orchestrator.Railway.Fake;
using Xunit;

namespace Orchestrator.Integration.Tests.Railway;

/// <summary>
/// <c>orch railway status</c>, <c>remove</c>, <c>logs</c> and <c>redeploy</c> with the real CLI against a real daemon
/// that is the app's control service for the fake Railway.
/// </summary>
public sealed class RailwayVerbsTests(FakeRailwayControl control) : IClassFixture<FakeRailwayControl>
{
    private const string Image = "registry.test/shop:v";

    private FakeRailway Fake => control.Fake;

    private OrchEnvironment Orch => control.Orch;

    [Fact]
    public async Task Status_Remove_Logs_Redeploy_ReportWhatRailwayHolds_AndLeaveOtherServicesAlone()
    {
        control.MapTestApp(Image, before: "echo 'shop: booting release v';");
        var app = RailwayTestApp.Create("shop", Fake.State.Seed("shop")) with { Drain = "10m" };
        var config = app.WriteConfig(Orch.Root);
        await Orch.RailwayDeployOkAsync(app, Image, "v1");
        await Orch.RailwayDeployOkAsync(app, Image, "v2");
        var stranger = Fake.State.CreateService(app.Seed.ProjectId, app.Seed.EnvironmentId, "shop-hand-made", "nginx:1", null, null);

        // v1 has no connection, so its drain ends at once and the janitor deletes its service: wait until it did.
        var status = await Eventually.ValueAsync(
            () => Orch.RunAsync("railway", "status", "--config", config, "--json"),
            s => s.ExitCode != 0 || JsonDocument.Parse(s.Stdout).RootElement.GetProperty("railway").GetProperty("janitor").GetArrayLength() == 0,
            "the janitor to have deleted the drained v1's service");
        Assert.True(status.ExitCode == 0, status.ToString());
        using (var report = JsonDocument.Parse(status.Stdout))
        {
            var railway = report.RootElement.GetProperty("railway");
            Assert.Equal(
                ["shop-router", "shop-control", "shop-env"],
                railway.GetProperty("baseline").EnumerateArray().Select(b => b.GetProperty("name").GetString()));
            Assert.All(railway.GetProperty("baseline").EnumerateArray(), b => Assert.Equal(JsonValueKind.Null, b.GetProperty("serviceId").ValueKind));
            Assert.Equal(["shop-hand-made"], railway.GetProperty("unknown").EnumerateArray().Select(u => u.GetProperty("name").GetString()));
            Assert.Empty(railway.GetProperty("janitor").EnumerateArray());
            Assert.Equal("v2", report.RootElement.GetProperty("activeDeploymentId").GetString());
            var v2 = report.RootElement.GetProperty("deployments").EnumerateArray().Single(d => d.GetProperty("id").GetString() == "v2");
            var service = v2.GetProperty("processes")[0].GetProperty("railway");
            Assert.Equal("shop-v2", service.GetProperty("serviceName").GetString());
            Assert.Equal("SUCCESS", service.GetProperty("status").GetString());
            Assert.Equal(control.ServiceNamed(app.Seed, "shop-v2")!.PrivateDomain, service.GetProperty("privateDomain").GetString());
        }

        var ambiguous = await Orch.RunAsync("railway", "remove", "--config", config, "--deployment-name", "v");
        var active = await Orch.RunAsync("railway", "remove", "--config", config, "--deployment-id", "v2");
        var removed = await Orch.RunAsync("railway", "remove", "--config", config, "--deployment-id", "v1");

        Assert.True(ambiguous.ExitCode == 1, ambiguous.ToString());
        Assert.Contains("'v' is ambiguous: 2 deployments of app 'shop' start with it: v1, v2", ambiguous.Stderr, StringComparison.Ordinal);
        Assert.True(active.ExitCode == 1, active.ToString());
        Assert.Contains("v2 is active: it serves app 'shop'", active.Stderr, StringComparison.Ordinal);
        Assert.True(removed.ExitCode == 0, removed.ToString());
        await Eventually.TrueAsync(
            () => Task.FromResult(control.ServiceNamed(app.Seed, "shop-v1") is null), "the janitor to delete the removed deployment's service", TimeSpan.FromSeconds(30));

        var logs = await Orch.RunAsync("railway", "logs", "--config", config);
        Assert.True(logs.ExitCode == 0, logs.ToString());
        Assert.Contains("shop: booting release v", logs.Stdout, StringComparison.Ordinal);

        var redeploy = await Orch.RunAsync("railway", "redeploy", "--config", config);
        Assert.True(redeploy.ExitCode == 0, redeploy.ToString());
        var after = await Orch.AppAsync(app.App);
        Assert.NotEqual("v2", after.ActiveDeploymentId);
        Assert.Equal(Image, after.Deployments.Single(d => d.Id == after.ActiveDeploymentId).ReleasePath);
        // The redeploy is a deployment of its own, on a service of its own; v2, with no connection, may already be gone.
        Assert.Equal($"shop-{after.ActiveDeploymentId}", after.Deployments.Single(d => d.Id == after.ActiveDeploymentId).Processes.Single().Railway?.ServiceName);

        Assert.NotNull(Fake.State.Service(stranger.Id));
        Assert.DoesNotContain(Fake.Calls, c => c.OperationName == "ServiceDelete" && c.Variables.Contains(stranger.Id, StringComparison.Ordinal));
    }
}
