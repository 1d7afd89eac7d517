using Orchestrator.Railway.Auth;
using Orchestrator.Railway.Fake;
using Orchestrator.Railway.Operations;
using Orchestrator.Railway.Tests.Support;

namespace Orchestrator.Railway.Tests.Fake;

public sealed class FakeRailwayDisposeTests
{
    [Fact]
    public async Task DisposeAsync_kills_the_processes_of_its_deployments()
    {
        var fake = await FakeRailway.StartAsync();
        using var http = new HttpClient();
        var seed = fake.State.Seed("shop");
        var railway = new RailwayClient(http, RailwayToken.Account(fake.State.IssueAccountToken()), new RailwayClientOptions { Endpoint = fake.Endpoint });
        TestApp.MapTo(fake.Images, RunningDeploymentTest.Image);
        var service = await railway.CreateServiceAsync(new ServiceCreateInput(seed.ProjectId)
        {
            EnvironmentId = seed.EnvironmentId,
            Source = new ServiceSourceInput(Image: RunningDeploymentTest.Image),
        });
        await railway.UpdateServiceInstanceAsync(service.Id, seed.EnvironmentId, new ServiceInstanceUpdateInput { HealthcheckPath = "/ping" });
        var deploymentId = await railway.DeployServiceInstanceAsync(service.Id, seed.EnvironmentId);
        await Eventually.UntilAsync(
            () => Task.FromResult(fake.State.Deployment(deploymentId)!.Status), status => status == FakeDeploymentStatus.Success, "deployment SUCCESS");
        var host = fake.State.Service(service.Id)!.PrivateDomain;

        await fake.DisposeAsync();

        Assert.False(await Loopback.AcceptsAsync(host, 8080));
    }
}
