using System.Globalization;
using Orchestrator.Railway.Fake;
using Orchestrator.Railway.Operations;
using Orchestrator.Railway.Tests.Support;

namespace Orchestrator.Railway.Tests.Fake;

public sealed class DeploymentRemovalTests : RunningDeploymentTest
{
    [Fact]
    public async Task ServiceDelete_stops_the_process_and_removes_the_deployment()
    {
        TestApp.MapTo(Fake.Images, Image);
        var web = await CreateAppServiceAsync("web-d1", new Dictionary<string, string>(), new() { HealthcheckPath = "/ping", HealthcheckTimeout = 30 });
        var deploymentId = await DeployAsync(web);
        await UntilStatusAsync(deploymentId, DeploymentStatus.Success);

        Assert.True(await Railway.DeleteServiceAsync(web.Id, Seed.EnvironmentId));

        await UntilRefusedAsync(web);
        await UntilStatusAsync(deploymentId, DeploymentStatus.Removed);
        Assert.Contains(await Railway.GetDeploymentLogsAsync(deploymentId), line => line.Message == "testapp: SIGTERM, closing");
    }

    [Fact]
    public async Task Newer_SUCCESS_of_the_service_removes_the_older_deployment_after_the_overlap()
    {
        TestApp.MapTo(Fake.Images, Image);
        var first = await CreateAppServiceAsync("web", new Dictionary<string, string>(), new() { HealthcheckPath = "/ping", HealthcheckTimeout = 30, OverlapSeconds = 2 });
        var older = await DeployAsync(first);
        await UntilStatusAsync(older, DeploymentStatus.Success);

        // Both deployments of a service share its private domain, so the newer one listens on another port.
        var second = first with { Port = Loopback.FreePort(first.Host) };
        await Railway.UpsertVariablesAsync(new VariableCollectionUpsertInput(
            Seed.ProjectId, Seed.EnvironmentId, new Dictionary<string, string> { ["PORT"] = second.Port.ToString(CultureInfo.InvariantCulture) })
        {
            ServiceId = first.Id,
            SkipDeploys = true,
        });
        var newer = await DeployAsync(second);
        await UntilStatusAsync(newer, DeploymentStatus.Success);
        Assert.True(await Loopback.AcceptsAsync(first.Host, first.Port), "the older deployment serves through the overlap");

        await UntilStatusAsync(older, DeploymentStatus.Removed);
        await UntilRefusedAsync(first);
        Assert.Equal(FakeDeploymentStatus.Success, Fake.State.Deployment(newer)!.Status);
        Assert.Equal(["INITIALIZING", "DEPLOYING", "SUCCESS", "REMOVING", "REMOVED"], Fake.State.StatusHistoryOf(older));
    }
}
