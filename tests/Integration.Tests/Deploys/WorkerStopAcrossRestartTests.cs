using System.Globalization;
using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.Deploys;

/// <summary>
/// Issue 8, test 5: a worker's job and a worker's graceful stop outlive SIGKILLs of the daemon. The old release drains
/// until its hooked worker says idle, and its SIGTERM-ignoring worker is SIGKILLed at the deadline set before the daemon died.
/// </summary>
public sealed class WorkerStopAcrossRestartTests : IAsyncLifetime
{
    private static readonly TimeSpan StubbornGrace = TimeSpan.FromSeconds(20);

    private OrchEnvironment _orch = null!;

    public async Task InitializeAsync() => _orch = await OrchEnvironment.StartAsync();

    public async Task DisposeAsync() => await _orch.DisposeAsync();

    [Fact]
    public async Task DaemonKilled_DuringAJobAndDuringAGracefulStop_JobFinishesAndTheStopKeepsItsOriginalDeadline()
    {
        var jobLog = Path.Combine(_orch.Root, "jobs.log");
        var ticks = Path.Combine(_orch.Root, "stubborn.tick");
        var app = TestApp.Create("jobs") with
        {
            Drain = "180s",
            ExtraProcesses = $$"""

                [[process]]
                id = "worker"
                policy = "companion"
                command = "node testapp.js"
                env = { BOOT_JOB_MS = "20000", JOB_LOG = "{{jobLog}}" }
                graceful_stop = "60s"
                quiet = "signal:USR2"
                drain_check = "exec:test -e job.idle"
                drain_check_interval = "200ms"

                [[process]]
                id = "stubborn"
                policy = "companion"
                command = "node testapp.js"
                env = { WORKER = "1", IGNORE_TERM = "1", JOB_LOG = "{{jobLog}}", TICK_FILE = "{{ticks}}" }
                graceful_stop = "{{StubbornGrace.TotalSeconds}}s"
                """,
        };

        await _orch.DeployOkAsync(app, "r1");
        var r1 = (await _orch.AppAsync(app.App)).Deployment("r1").Id;
        await WaitForLogAsync(jobLog, $"{r1} job started", "r1's job to start");
        await _orch.DeployOkAsync(app, "r2");
        await WaitForLogAsync(jobLog, $"{r1} quiet (SIGUSR2)", "r1's worker to be told to stop taking jobs");
        Assert.DoesNotContain($"{r1} job finished", Read(jobLog), StringComparison.Ordinal);

        await _orch.KillDaemonAsync();
        await _orch.StartDaemonAsync();

        var draining = (await Eventually.ValueAsync(() => _orch.AppAsync(app.App), _ => true, "the app to be back after the restart")).Deployment("r1");
        Assert.True(draining.State == "draining" || Read(jobLog).Contains($"{r1} job finished", StringComparison.Ordinal),
            $"r1 is {draining.State} after the restart while its job runs\n{Read(jobLog)}");
        await WaitForLogAsync(jobLog, $"{r1} SIGTERM ignored", "r1 to retire once its job is done and SIGTERM its workers", TimeSpan.FromSeconds(90));
        var sigtermSeen = DateTimeOffset.UtcNow;
        var stubbornTicks = $"{ticks}-{r1}";
        await Eventually.TrueAsync(() => Task.FromResult(LastTick(stubbornTicks) >= sigtermSeen + TimeSpan.FromSeconds(8)),
            "r1's stubborn worker to keep running 8s into its graceful stop");
        Assert.Equal("stopping", (await _orch.AppAsync(app.App)).Deployment("r1").State);

        await _orch.KillDaemonAsync();
        await _orch.StartDaemonAsync();

        var retired = await Eventually.ValueAsync(() => _orch.AppAsync(app.App), a => a.Deployment("r1").State == "retired",
            "r1 to retire once its stubborn worker is SIGKILLed", TimeSpan.FromSeconds(60));
        var log = Read(jobLog);
        var died = LastTick(stubbornTicks) - sigtermSeen;
        Assert.True(died < StubbornGrace + TimeSpan.FromSeconds(4),
            $"the stubborn worker died {died} after its SIGTERM was seen: its {StubbornGrace} grace began again after the restart\n{log}");
        Assert.True(died >= StubbornGrace - TimeSpan.FromSeconds(2), $"the stubborn worker died {died} after its SIGTERM, before its grace\n{log}");
        Assert.Single(log.Split('\n'), l => l == $"{r1} SIGTERM ignored");
        Assert.DoesNotContain($"{r1} SIGTERM mid-job", log, StringComparison.Ordinal);
        var finished = log.IndexOf($"{r1} job finished", StringComparison.Ordinal);
        Assert.True(finished >= 0 && finished < log.IndexOf($"{r1} SIGTERM while idle", StringComparison.Ordinal),
            $"r1's worker was not stopped after its job finished\n{log}");
        Assert.Equal("active", retired.Deployment("r2").State);
    }

    private static string Read(string path) => File.Exists(path) ? File.ReadAllText(path) : "";

    private static DateTimeOffset LastTick(string path) =>
        File.Exists(path) && long.TryParse(File.ReadAllText(path), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.MinValue;

    private static Task WaitForLogAsync(string path, string line, string what, TimeSpan? timeout = null) =>
        Eventually.TrueAsync(() => Task.FromResult(Read(path).Contains(line, StringComparison.Ordinal)), what, timeout);
}
