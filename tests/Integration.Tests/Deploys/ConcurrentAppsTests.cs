using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.Deploys;

/// <summary>Ports are a host resource: two deploys at once never get the same one, even from one range.</summary>
public sealed class ConcurrentAppsTests : IAsyncLifetime
{
    private OrchEnvironment _orch = null!;

    public async Task InitializeAsync() => _orch = await OrchEnvironment.StartAsync();

    public async Task DisposeAsync() => await _orch.DisposeAsync();

    [Fact]
    public async Task Deploy_TwoAppsAtOnceWithTheSamePortRange_GetDistinctPortsAndBothServe()
    {
        var range = FreePorts.Range(4);
        var first = TestApp.Create("first") with { PortRange = range };
        var second = TestApp.Create("second") with { PortRange = range };

        var results = await Task.WhenAll(_orch.DeployAsync(first, "r1"), _orch.DeployAsync(second, "r1"));

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.ToString()));
        var firstPort = (await _orch.AppAsync(first.App)).Deployment("r1").Ports["web"];
        var secondPort = (await _orch.AppAsync(second.App)).Deployment("r1").Ports["web"];
        Assert.NotEqual(firstPort, secondPort);
        var fromFirst = await DeployHarness.GetAsync(first.BaseUri);
        Assert.Contains("\"revision\":\"r1\"", fromFirst);
        Assert.Contains("\"forwardedFor\":\"127.0.0.1\"", fromFirst);
        Assert.Contains("\"revision\":\"r1\"", await DeployHarness.GetAsync(second.BaseUri));
    }
}
