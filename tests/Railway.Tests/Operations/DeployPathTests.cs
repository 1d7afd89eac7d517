using System.Text.Json;
using Orchestrator.Railway.Operations;
using Orchestrator.Railway.Tests.Support;

namespace Orchestrator.Railway.Tests.Operations;

public sealed class DeployPathTests : FakeRailwayTest
{
    [Fact]
    public async Task Deploy_path_runs_end_to_end_in_Railway_order()
    {
        var client = AccountClient();

        var project = await client.GetProjectAsync(Seed.ProjectId);
        var environment = Assert.Single(project.Environments);
        Assert.Equal("production", environment.Name);

        var service = await client.CreateServiceAsync(new ServiceCreateInput(project.Id)
        {
            EnvironmentId = environment.Id,
            Name = "shop-d1",
            Source = new ServiceSourceInput(Image: "ghcr.io/acme/shop:1"),
        });
        Assert.Equal("shop-d1", service.Name);

        Assert.True(await client.UpsertVariablesAsync(new VariableCollectionUpsertInput(
            project.Id, environment.Id, new Dictionary<string, string> { ["PORT"] = "8080", ["ORCH_DEPLOYMENT_ID"] = "d1" })
        {
            ServiceId = service.Id,
            SkipDeploys = true,
        }));

        Assert.True(await client.UpdateServiceInstanceAsync(service.Id, environment.Id, new ServiceInstanceUpdateInput
        {
            HealthcheckPath = "/health",
            HealthcheckTimeout = 30,
            NumReplicas = 1,
            RestartPolicyType = RestartPolicyType.OnFailure,
            RestartPolicyMaxRetries = 3,
        }));
        Assert.Equal("ON_FAILURE", Fake.State.InstanceSettingsOf(service.Id, environment.Id)["restartPolicyType"]);

        var deploymentId = await client.DeployServiceInstanceAsync(service.Id, environment.Id);
        Assert.Equal(DeploymentStatus.Initializing, (await client.GetDeploymentAsync(deploymentId)).Status);

        Fake.State.SetDeploymentStatus(deploymentId, "SUCCESS");
        Fake.State.AppendLog(deploymentId, "listening on 8080");
        var deployment = await client.GetDeploymentAsync(deploymentId);
        Assert.Equal(DeploymentStatus.Success, deployment.Status);
        Assert.Equal(service.Id, deployment.ServiceId);

        var variables = await client.GetVariablesForServiceDeploymentAsync(project.Id, environment.Id, service.Id);
        Assert.Equal("8080", variables["PORT"]);
        Assert.StartsWith("127.0.10.", variables["RAILWAY_PRIVATE_DOMAIN"], StringComparison.Ordinal);

        var logs = await client.GetDeploymentLogsAsync(deploymentId, limit: 10);
        Assert.Equal("listening on 8080", Assert.Single(logs).Message);

        Assert.True(await client.DeleteServiceAsync(service.Id, environment.Id));
        Assert.Null(Fake.State.Service(service.Id));

        Assert.Equal(
            [
                "Project", "ServiceCreate", "VariableCollectionUpsert", "ServiceInstanceUpdate", "ServiceInstanceDeployV2",
                "Deployment", "Deployment", "VariablesForServiceDeployment", "DeploymentLogs", "ServiceDelete",
            ],
            Fake.Calls.Select(call => call.OperationName));

        using var upsert = JsonDocument.Parse(Fake.Calls[2].Variables);
        Assert.True(upsert.RootElement.GetProperty("input").GetProperty("skipDeploys").GetBoolean());
    }

    [Fact]
    public async Task Project_lists_the_services_it_holds()
    {
        var client = AccountClient();
        await client.CreateServiceAsync(new ServiceCreateInput(Seed.ProjectId) { EnvironmentId = Seed.EnvironmentId, Name = "shop-router" });

        var project = await client.GetProjectAsync(Seed.ProjectId);

        Assert.Equal("shop-router", Assert.Single(project.Services).Name);
    }
}
