using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.State;

/// <summary>The daemon's own log file (<c>ORCH_DAEMON_LOG</c>, as <c>--ensure-daemon</c> sets it) rotates like a process log.</summary>
public sealed class DaemonLogRotationTests
{
    [Fact]
    public async Task Daemon_LogFilePastMaxSize_IsRotatedKeepingOneAndTheDaemonGoesOnWritingIt()
    {
        var environment = new Dictionary<string, string> { ["ORCH_LOG_MAX_SIZE"] = "1KB", ["ORCH_LOG_KEEP"] = "1" };
        await using var orch = OrchEnvironment.CreateWithoutDaemon(environment);
        environment["ORCH_DAEMON_LOG"] = orch.DaemonLog; // the file the harness appends the daemon's output to
        await orch.StartDaemonAsync();

        for (var revision = 1; revision <= 3; revision++)
        {
            await orch.DeployOkAsync(TestApp.Create($"noisy{revision}"), $"r{revision}");
        }

        await Eventually.TrueAsync(() => Task.FromResult(File.Exists(orch.DaemonLog + ".1")), "the daemon to rotate its log into .1");
        Assert.False(File.Exists(orch.DaemonLog + ".2"));
        await orch.DeployOkAsync(TestApp.Create("after"), "r1");
        await Eventually.TrueAsync(
            () => Task.FromResult(orch.ReadDaemonLog().Contains("after", StringComparison.Ordinal) || File.ReadAllText(orch.DaemonLog + ".1").Contains("after", StringComparison.Ordinal)),
            "the daemon to log the next deploy after the rotation");
    }

    [Fact]
    public async Task Daemon_BadLogMaxSize_RefusesToStartNamingTheVariable()
    {
        await using var orch = OrchEnvironment.CreateWithoutDaemon(new Dictionary<string, string> { ["ORCH_LOG_MAX_SIZE"] = "lots" });

        var run = await orch.RunAsync("daemon");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("ORCH_LOG_MAX_SIZE: 'lots' is not a size", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("50MB", run.Stderr, StringComparison.Ordinal);
    }
}
