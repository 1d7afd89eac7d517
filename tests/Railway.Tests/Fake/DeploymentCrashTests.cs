using Orchestrator.Railway.Tests.Support;

namespace Orchestrator.Railway.Tests.Fake;

public sealed class DeploymentCrashTests : RunningDeploymentTest
{
    private const string CrashLine = "testapp: crashing as asked";

    [Fact]
    public async Task Running_process_that_exits_is_CRASHED_with_its_last_lines_in_the_logs()
    {
        TestApp.MapTo(Fake.Images, Image);
        var web = await CreateAppServiceAsync(
            "web-d1",
            new Dictionary<string, string> { ["CRASH_AFTER_MS"] = "1500" },
            new() { HealthcheckPath = "/ping", HealthcheckTimeout = 30, RestartPolicyType = RestartPolicyType.Never });

        var deploymentId = await DeployAsync(web);
        await UntilStatusAsync(deploymentId, DeploymentStatus.Success);
        await UntilStatusAsync(deploymentId, DeploymentStatus.Crashed);

        var logs = await Railway.GetDeploymentLogsAsync(deploymentId, limit: 1);
        Assert.Equal(CrashLine, Assert.Single(logs).Message);
        Assert.Equal("error", logs[0].Severity);
        Assert.Contains(await Railway.GetDeploymentLogsAsync(deploymentId), line => line.Message.StartsWith("testapp dev listening on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Crashing_process_is_restarted_up_to_the_retries_then_CRASHED()
    {
        TestApp.MapTo(Fake.Images, Image);
        var web = await CreateAppServiceAsync(
            "web-d1",
            new Dictionary<string, string> { ["CRASH_AFTER_MS"] = "300" },
            new() { RestartPolicyType = RestartPolicyType.OnFailure, RestartPolicyMaxRetries = 2 });

        var deploymentId = await DeployAsync(web);
        await UntilStatusAsync(deploymentId, DeploymentStatus.Crashed);

        var logs = await Railway.GetDeploymentLogsAsync(deploymentId);
        Assert.Equal(3, logs.Count(line => line.Message == CrashLine));
        Assert.Equal(["INITIALIZING", "DEPLOYING", "SUCCESS", "CRASHED"], Fake.State.StatusHistoryOf(deploymentId));
    }
}
