using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.Deploys;

/// <summary>A deploy does not kill a worker's running job: the old deployment drains until the worker says idle.</summary>
public sealed class DrainingWorkerTests : IAsyncLifetime
{
    private OrchEnvironment _orch = null!;

    public async Task InitializeAsync() => _orch = await OrchEnvironment.StartAsync();

    public async Task DisposeAsync() => await _orch.DisposeAsync();

    [Fact]
    public async Task Deploy_DuringAWorkersJob_OldDeploymentQuietsItAndRetiresWhenTheJobIsDone()
    {
        var jobLog = Path.Combine(_orch.Root, "jobs.log");
        var app = TestApp.Create("jobs") with
        {
            Drain = "60s",
            ExtraProcesses = $$"""

                [[process]]
                id = "worker"
                policy = "companion"
                command = "node testapp.js"
                port = "{{FreePorts.Range(5)}}"
                env = { JOB_MS = "12000", JOB_LOG = "{{jobLog}}" }
                quiet = "signal:USR2"
                drain_check = "http:GET /busy"
                drain_check_interval = "200ms"
                """,
        };
        using var http = new HttpClient();

        await _orch.DeployOkAsync(app, "r1");
        var r1 = (await _orch.AppAsync(app.App)).Deployment("r1");
        var job = new Uri($"http://127.0.0.1:{r1.Ports["worker"]}/job");
        using (var started = await http.PostAsync(job, null))
        {
            Assert.Equal(202, (int)started.StatusCode);
        }

        await _orch.DeployOkAsync(app, "r2");
        var whileRunning = (await _orch.AppAsync(app.App)).Deployment("r1");
        if (!JobLog(jobLog).Contains($"{r1.Id} job finished"))
        {
            Assert.Equal("draining", whileRunning.State);
        }

        await Eventually.TrueAsync(() => Task.FromResult(JobLog(jobLog).Contains($"{r1.Id} quiet (SIGUSR2)")), "r1's worker to be told to stop taking jobs");
        if (!JobLog(jobLog).Contains($"{r1.Id} job finished"))
        {
            using var refused = await http.PostAsync(job, null);
            Assert.Equal(409, (int)refused.StatusCode);
        }

        var retired = await Eventually.ValueAsync(() => _orch.AppAsync(app.App), a => a.Deployment("r1").State == "retired",
            "r1 to retire once its worker's job is done", TimeSpan.FromSeconds(45));

        var log = JobLog(jobLog);
        Assert.Contains($"{r1.Id} job finished", log, StringComparison.Ordinal);
        Assert.DoesNotContain("SIGTERM mid-job", log, StringComparison.Ordinal);
        var old = retired.Deployment("r1");
        Assert.True(old.StoppedAt < old.DrainDeadline - TimeSpan.FromSeconds(20),
            $"r1 retired at {old.StoppedAt}, near its drain deadline {old.DrainDeadline}, not when its worker became idle\n{log}");
    }

    private static string JobLog(string path) => File.Exists(path) ? File.ReadAllText(path) : "";
}
