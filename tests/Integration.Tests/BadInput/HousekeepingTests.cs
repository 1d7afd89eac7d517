using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.BadInput;

/// <summary>What accumulates or misleads over time: log directories of pruned deployments, doubled failure lines, a hint to a file that is not there.</summary>
public sealed class HousekeepingTests : IAsyncLifetime
{
    private OrchEnvironment _orch = null!;

    public async Task InitializeAsync() => _orch = await OrchEnvironment.StartAsync();

    public async Task DisposeAsync() => await _orch.DisposeAsync();

    [Fact]
    public async Task Retention_KeepTwoAfterFiveDeploys_LeavesOnlyTheLogDirectoriesStatusLists()
    {
        var app = TestApp.Create("retained") with { Drain = "1s", ExtraProcesses = "[retention]\nkeep = 2" };
        foreach (var revision in new[] { "r1", "r2", "r3", "r4", "r5" })
        {
            await _orch.DeployOkAsync(app, revision);
        }

        var logs = Path.Combine(_orch.StateDirectory, "logs", app.App);
        var listed = await Eventually.ValueAsync(
            async () => (await _orch.AppAsync(app.App)).Deployments.Select(d => d.Id).Order(StringComparer.Ordinal).ToArray(),
            ids => ids.Length == 3 && ids.SequenceEqual(Directory.GetDirectories(logs).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal)),
            "status to keep the active deployment and two ended ones, and their log directories only");

        Assert.Equal(3, listed.Length);
    }

    [Fact]
    public async Task Deploy_ThatFails_PrintsItsFailedLineOnce()
    {
        var app = TestApp.Create("failsonce") with { Environment = "EXIT_AT_START = \"3\"", Restart = "{ max_restarts = 0 }" };

        var result = await _orch.DeployAsync(app, "r1");

        Assert.Equal(1, result.ExitCode);
        var failedLines = result.Output.Split('\n').Where(l => l.Contains("] failed:", StringComparison.Ordinal)).ToList();
        Assert.True(failedLines.Count == 1, result.ToString());
    }

    [Fact]
    public async Task Deploy_ConnectionLostToAForegroundDaemon_HintNamesItsOutputNotADaemonLogFile()
    {
        var app = TestApp.Create("lost") with { Environment = "LISTEN_DELAY_MS = \"15000\"" };
        var deploy = _orch.DeployAsync(app, "r1");
        await Eventually.TrueAsync(
            async () => (await _orch.StatusAsync()).Apps.Any(a => a.App == app.App && a.DeployInProgress),
            "the deploy to be under way");

        await _orch.KillDaemonAsync();
        var result = await deploy;

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain("daemon.log", result.Output);
        Assert.Contains("the output of `orch daemon`", result.Output);
    }
}
