using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.BadInput;

public sealed class NoDaemonTests
{
    [Fact]
    public async Task Status_WithoutDaemon_ExitsOneAndSaysHowToStartOne()
    {
        await using var orch = OrchEnvironment.CreateWithoutDaemon();

        var result = await orch.RunAsync("status");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("orch daemon", result.Stderr);
    }
}
