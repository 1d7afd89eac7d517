using System.Text.Json;
using Orchestrator.Railway.Fake;
using Orchestrator.Railway.Operations;
using Orchestrator.Railway.Tests.Support;

namespace Orchestrator.Railway.Tests.Fake;

public sealed class DeploymentRunTests : RunningDeploymentTest
{
    private static readonly ServiceInstanceUpdateInput HealthChecked = new() { HealthcheckPath = "/ping", HealthcheckTimeout = 30 };

    [Fact]
    public async Task Deploy_of_a_mapped_image_is_SUCCESS_once_healthy_and_answers_on_its_private_domain()
    {
        TestApp.MapTo(Fake.Images, Image);
        var web = await CreateAppServiceAsync("web-d1", new Dictionary<string, string> { ["ORCH_REVISION"] = "r1" }, HealthChecked);

        var deploymentId = await DeployAsync(web);
        await UntilStatusAsync(deploymentId, DeploymentStatus.Success);

        Assert.Equal(["INITIALIZING", "DEPLOYING", "SUCCESS"], Fake.State.StatusHistoryOf(deploymentId));
        Assert.StartsWith("127.0.10.", web.Host, StringComparison.Ordinal);
        using var who = JsonDocument.Parse(await AppHttp.GetStringAsync(web.Url("/")));
        Assert.Equal("r1", who.RootElement.GetProperty("revision").GetString());
    }

    [Fact]
    public async Task Deployed_process_runs_with_the_rendered_variables_and_Railways_own()
    {
        TestApp.MapTo(Fake.Images, Image);
        await Railway.CreateServiceAsync(new ServiceCreateInput(Seed.ProjectId)
        {
            EnvironmentId = Seed.EnvironmentId,
            Name = "x-env",
            Variables = new Dictionary<string, string> { ["NAME"] = "from x-env" },
        });
        var web = await CreateAppServiceAsync(
            "web-d1", new Dictionary<string, string> { ["GREETING"] = "hello", ["FROM_X"] = "${{x-env.NAME}} and ${{ GREETING }}" }, HealthChecked);

        var deploymentId = await DeployAsync(web);
        await UntilStatusAsync(deploymentId, DeploymentStatus.Success);

        var environment = JsonSerializer.Deserialize<Dictionary<string, string>>(await AppHttp.GetStringAsync(web.Url("/env")))!;
        Assert.Equal("hello", environment["GREETING"]);
        Assert.Equal("from x-env and hello", environment["FROM_X"]);
        Assert.Equal("web-d1", environment["RAILWAY_SERVICE_NAME"]);
        Assert.Equal(web.Id, environment["RAILWAY_SERVICE_ID"]);
        Assert.Equal(deploymentId, environment["RAILWAY_DEPLOYMENT_ID"]);
        Assert.Equal(Seed.EnvironmentId, environment["RAILWAY_ENVIRONMENT_ID"]);
        Assert.Equal(Seed.ProjectId, environment["RAILWAY_PROJECT_ID"]);
        Assert.Equal(web.Host, environment["RAILWAY_PRIVATE_DOMAIN"]);
        Assert.Equal(web.Host, environment["HOST"]);
        Assert.Equal(web.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), environment["PORT"]);

        var rendered = await Railway.GetVariablesForServiceDeploymentAsync(Seed.ProjectId, Seed.EnvironmentId, web.Id);
        Assert.Equal("from x-env and hello", rendered["FROM_X"]);
        Assert.Equal(web.Host, rendered["RAILWAY_PRIVATE_DOMAIN"]);
        Assert.Equal("web-d1", rendered["RAILWAY_SERVICE_NAME"]);
    }

    [Fact]
    public async Task Deploy_of_a_mapped_repo_passes_through_BUILDING()
    {
        TestApp.MapTo(Fake.Repos, "acme/web");
        var web = await CreateAppServiceAsync("web-d1", new ServiceSourceInput(Repo: "acme/web"), new Dictionary<string, string>(), HealthChecked);

        var deploymentId = await DeployAsync(web);
        await UntilStatusAsync(deploymentId, DeploymentStatus.Success);

        Assert.Equal(["INITIALIZING", "BUILDING", "DEPLOYING", "SUCCESS"], Fake.State.StatusHistoryOf(deploymentId));
    }

    [Fact]
    public async Task Deploy_whose_health_check_never_passes_is_FAILED_after_the_timeout_and_its_process_stopped()
    {
        TestApp.MapTo(Fake.Images, Image);
        var web = await CreateAppServiceAsync(
            "web-d1", new Dictionary<string, string> { ["HEALTH"] = "fail" }, new ServiceInstanceUpdateInput { HealthcheckPath = "/ping", HealthcheckTimeout = 2 });

        var deploymentId = await DeployAsync(web);
        await UntilStatusAsync(deploymentId, DeploymentStatus.Failed);

        Assert.Equal(["INITIALIZING", "DEPLOYING", "FAILED"], Fake.State.StatusHistoryOf(deploymentId));
        Assert.False(await Loopback.AcceptsAsync(web.Host, web.Port));
    }

    [Fact]
    public async Task Process_that_exits_while_DEPLOYING_is_FAILED_with_its_output_in_the_logs()
    {
        TestApp.MapTo(Fake.Images, Image);
        var web = await CreateAppServiceAsync("web-d1", new Dictionary<string, string> { ["EXIT_AT_START"] = "2" }, HealthChecked);

        var deploymentId = await DeployAsync(web);
        await UntilStatusAsync(deploymentId, DeploymentStatus.Failed);

        var line = Assert.Single(await Railway.GetDeploymentLogsAsync(deploymentId));
        Assert.Equal("testapp: exiting at start with 2 as asked", line.Message);
    }

    [Fact]
    public async Task Deploy_without_a_health_check_is_SUCCESS_once_started()
    {
        TestApp.MapTo(Fake.Images, Image);
        var web = await CreateAppServiceAsync("web-d1", new Dictionary<string, string>(), new ServiceInstanceUpdateInput { NumReplicas = 1 });

        var deploymentId = await DeployAsync(web);
        await UntilStatusAsync(deploymentId, DeploymentStatus.Success);

        await Eventually.UntilAsync(() => Loopback.AcceptsAsync(web.Host, web.Port), accepts => accepts, "the app listening");
    }

    [Fact]
    public async Task Deploy_of_an_unmapped_image_runs_nothing_and_keeps_the_status_the_test_sets()
    {
        var web = await CreateAppServiceAsync("web-d1", new ServiceSourceInput(Image: "ghcr.io/acme/unmapped:1"), new Dictionary<string, string>(), HealthChecked);

        var deploymentId = await DeployAsync(web);
        Fake.State.SetDeploymentStatus(deploymentId, FakeDeploymentStatus.Building);

        Assert.Equal(DeploymentStatus.Building, (await Railway.GetDeploymentAsync(deploymentId)).Status);
        Assert.Equal(["INITIALIZING", "BUILDING"], Fake.State.StatusHistoryOf(deploymentId));
    }
}
