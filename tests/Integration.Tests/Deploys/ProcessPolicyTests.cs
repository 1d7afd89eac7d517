using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.Deploys;

/// <summary>Companions come and go with their deployment, a singleton never runs twice, a service outlives deploys.</summary>
public sealed class ProcessPolicyTests : IAsyncLifetime
{
    private OrchEnvironment _orch = null!;

    public async Task InitializeAsync() => _orch = await OrchEnvironment.StartAsync();

    public async Task DisposeAsync() => await _orch.DisposeAsync();

    [Fact]
    public async Task Deploy_AppWithCompanionSingletonAndService_KeepsEachPolicyAcrossDeploys()
    {
        var lockFile = Path.Combine(_orch.Root, "cron.lock");
        var app = TestApp.Create("policies") with
        {
            Drain = "2s",
            ExtraProcesses = $$"""

                [[process]]
                id = "worker"
                policy = "companion"
                command = "node testapp.js"
                env = { WORKER = "1" }

                [[process]]
                id = "cron"
                policy = "singleton"
                command = "node testapp.js"
                env = { WORKER = "1", SINGLETON_LOCK = "{{lockFile}}" }

                [[process]]
                id = "cache"
                policy = "service"
                command = "node testapp.js"
                port = "{{FreePorts.Range(5)}}"
                """,
        };

        await _orch.DeployOkAsync(app, "r1");
        var first = await Eventually.ValueAsync(() => _orch.AppAsync(app.App),
            a => a.Deployment("r1").Processes.Any(p => p.Id == "cron" && p.State == "running"), "r1's singleton to run");
        var cachePid = first.Services.Single(s => s.Id == "cache").Pid;

        await _orch.DeployOkAsync(app, "r2");
        var second = await Eventually.ValueAsync(() => _orch.AppAsync(app.App),
            a => a.Deployment("r2").Processes.Any(p => p.Id == "cron" && p.State == "running")
                 && a.Deployment("r1").State == "retired",
            "r2's singleton to run and r1 to retire");

        Assert.Equal(cachePid, second.Services.Single(s => s.Id == "cache").Pid);
        Assert.Equal("running", second.Services.Single(s => s.Id == "cache").State);
        Assert.Contains(second.Deployment("r2").Processes, p => p.Id == "worker" && p.State == "running");
        Assert.DoesNotContain(second.Deployment("r1").Processes, p => p.State == "running");
        Assert.False(File.Exists(lockFile + ".overlap"), File.Exists(lockFile + ".overlap") ? File.ReadAllText(lockFile + ".overlap") : "");
    }
}
