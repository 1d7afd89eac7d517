using Orchestrator.Control.Contracts;
using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.Stacks;

/// <summary>
/// A four-app stack (worker-plan → database → mcp-cloud and frontend) deployed by the real CLI and daemon:
/// dependency order, independent apps in parallel, and a failure that leaves everything after it untouched.
/// </summary>
public sealed class StackDeployTests : IAsyncLifetime
{
    private OrchEnvironment _orch = null!;

    public async Task InitializeAsync() => _orch = await OrchEnvironment.StartAsync();

    public async Task DisposeAsync() => await _orch.DisposeAsync();

    [Fact]
    public async Task StackDeploy_AppFailingItsHealthCheck_KeepsTheAppsBeforeItDeployedAndLeavesTheAppsAfterItOnTheirPreviousRelease()
    {
        var mcpPings = Path.Combine(_orch.Root, "mcp-cloud.pings");
        var frontendPings = Path.Combine(_orch.Root, "frontend.pings");
        var stack = new TestStack(_orch.Root, "planexe")
            .Add("worker_plan", TestApp.Create("worker-plan"))
            .Add("worker_plan_database", TestApp.Create("worker-plan-database"), "worker-plan")
            .Add("mcp_cloud", TestApp.Create("mcp-cloud") with { Environment = $"HEALTHY_AFTER_MS = \"1500\", PING_LOG = \"{mcpPings}\"" }, "worker-plan-database")
            .Add("frontend", TestApp.Create("frontend") with { Environment = $"HEALTHY_AFTER_MS = \"1500\", PING_LOG = \"{frontendPings}\"" }, "worker-plan-database");

        var first = await DeployAsync(stack, "r1");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(StackRunOutcomes.Succeeded, TestStack.RunOf(first).Outcome);
        foreach (var app in new[] { "worker-plan", "worker-plan-database", "mcp-cloud", "frontend" })
        {
            Assert.Contains("\"revision\":\"r1\"", await DeployHarness.GetAsync(stack[app].BaseUri));
        }

        // The two apps that only depend on the database were probed at the same time, not one after the other.
        var (mcpFirst, mcpLast) = ProbeWindow(mcpPings);
        var (frontendFirst, frontendLast) = ProbeWindow(frontendPings);
        Assert.True(Math.Max(mcpFirst, frontendFirst) < Math.Min(mcpLast, frontendLast),
            $"probe windows do not overlap: mcp-cloud {mcpFirst}..{mcpLast}, frontend {frontendFirst}..{frontendLast}");

        var untouched = new Dictionary<string, string>();
        foreach (var app in new[] { "mcp-cloud", "frontend" })
        {
            untouched[app] = (await _orch.AppAsync(app)).ActiveDeploymentId!;
        }

        stack.Change("worker-plan-database", app => app with { Environment = "HEALTH = \"fail\"", HealthTimeout = "2s" });
        var second = await DeployAsync(stack, "r2");

        Assert.Equal(1, second.ExitCode);
        var run = TestStack.RunOf(second);
        Assert.Equal(StackRunOutcomes.Failed, run.Outcome);
        Assert.Equal("worker-plan-database", run.FailedApp);
        Assert.Contains("health", run.Failure, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["mcp-cloud", "frontend"], run.Skipped.ToArray());
        Assert.Contains("app worker-plan-database failed", second.Stderr);
        Assert.Contains("skipped (untouched, their previous release still serves): mcp-cloud, frontend", second.Stderr);

        // Before the failure: deployed and serving the new release. The failed app and those after it: the previous one.
        Assert.Contains("\"revision\":\"r2\"", await DeployHarness.GetAsync(stack["worker-plan"].BaseUri));
        Assert.Contains("\"revision\":\"r1\"", await DeployHarness.GetAsync(stack["worker-plan-database"].BaseUri));
        foreach (var (app, deploymentId) in untouched)
        {
            var status = await _orch.AppAsync(app);
            Assert.Contains("\"revision\":\"r1\"", await DeployHarness.GetAsync(stack[app].BaseUri));
            Assert.Equal(deploymentId, status.ActiveDeploymentId);
            Assert.DoesNotContain(status.Deployments, d => d.Revision == "r2");
        }
    }

    [Fact]
    public async Task StackDeploy_SecondRunWhileOneRuns_IsRefusedNamingTheRunningOne()
    {
        var stack = new TestStack(_orch.Root, "busy")
            .Add("slow", TestApp.Create("slow") with { Environment = "HEALTHY_AFTER_MS = \"4000\"" });
        var release = stack.WriteRelease("r1");
        var first = _orch.StartAsync("deploy", "--stack", stack.StackPath, "--release-path", release, "--revision", "r1");
        await Eventually.TrueAsync(async () => (await _orch.RunAsync("stack", "status", "busy")).Stdout.Contains("deploying"), "the first run to deploy");

        var second = await _orch.RunAsync("deploy", "--stack", stack.StackPath, "--release-path", release, "--revision", "r1");

        Assert.Equal(1, second.ExitCode);
        Assert.Contains("stack 'busy' is already running", second.Stderr);
        Assert.Equal(0, (await first).ExitCode);
    }

    [Fact]
    public async Task ValidateStack_CycleUnknownDependencyAndSharedListener_ReportsThemAllAtOnce()
    {
        var worker = TestApp.Create("worker-plan");
        var stack = new TestStack(_orch.Root, "broken")
            .Add("worker_plan", worker, "frontend")
            .Add("frontend", TestApp.Create("frontend") with { ListenPort = worker.ListenPort }, "worker-plan", "nobody");
        stack.WriteRelease("r1");

        var result = await _orch.RunAsync("validate", "--stack", stack.StackPath);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("dependency cycle: worker-plan → frontend → worker-plan", result.Stderr);
        Assert.Contains("unknown app 'nobody'", result.Stderr);
        Assert.Contains($"both listen on 127.0.0.1:{worker.ListenPort}", result.Stderr);
    }

    private Task<CliResult> DeployAsync(TestStack stack, string revision) =>
        _orch.RunAsync("deploy", "--stack", stack.StackPath, "--release-path", stack.WriteRelease(revision), "--revision", revision, "--json");

    /// <summary>From the first health probe to the first that passed: the time the deploy waited on the app's health.</summary>
    private static (long First, long Passed) ProbeWindow(string pingLog)
    {
        var pings = File.ReadAllLines(pingLog).Select(line => line.Split(' ')).Select(p => (At: long.Parse(p[0]), Status: p[1])).ToList();
        return (pings[0].At, pings.First(p => p.Status == "200").At);
    }
}
