using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.Deploys;

public sealed class LogsTests : IAsyncLifetime
{
    private OrchEnvironment _orch = null!;

    public async Task InitializeAsync() => _orch = await OrchEnvironment.StartAsync();

    public async Task DisposeAsync() => await _orch.DisposeAsync();

    [Fact]
    public async Task Logs_OfTheActiveDeployment_ShowWhatItsProcessPrinted()
    {
        var app = TestApp.Create("chatty");
        await _orch.DeployOkAsync(app, "r1");

        var logs = await _orch.RunAsync("logs", "--app", app.App, "--process", "web", "--lines", "20");

        Assert.Equal(0, logs.ExitCode);
        Assert.Contains("testapp r1 listening on", logs.Stdout);
    }

    [Fact]
    public async Task Logs_OfAProcessThatDoesNotExist_ExitsOneNamingIt()
    {
        var app = TestApp.Create("quiet");
        await _orch.DeployOkAsync(app, "r1");

        var logs = await _orch.RunAsync("logs", "--app", app.App, "--process", "nope");

        Assert.Equal(1, logs.ExitCode);
        Assert.Contains("nope", logs.Stderr);
    }
}
