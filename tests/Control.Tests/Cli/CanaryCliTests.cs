using System.Text.Json;
using Orchestrator.Control.Contracts;
using Xunit;

namespace Orchestrator.Control.Tests.Cli;

/// <summary><c>orch deploy --canary</c> and <c>orch promote</c> against a scripted daemon.</summary>
public sealed class CanaryCliTests : ScriptedDaemonCliTests
{
    [Fact]
    public async Task DeployCanary_SendsTheRule()
    {
        var plane = await StartAsync(new ScriptedControlPlane());

        var run = await DeployAsync(["--canary", "cookie:beta=1"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("cookie:beta=1", Assert.IsType<DeployRequest>(Assert.Single(plane.Requests)).Canary);
    }

    [Fact]
    public async Task DeployCanary_BadRule_IsAUsageErrorAndSendsNothing()
    {
        var plane = await StartAsync(new ScriptedControlPlane());

        var run = await DeployAsync(["--canary", "100%"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("1% to 99%", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(plane.Requests);
    }

    [Fact]
    public async Task Promote_Json_SendsTheAppAndPrintsTheProgress()
    {
        var plane = await StartAsync(new ScriptedControlPlane
        {
            Promote = _ => [ScriptedControlPlane.Step("switching"), ScriptedControlPlane.Succeeded("web-app-2 is active")],
        });

        var run = await CliRun.InvokeAsync(["promote", "--control", Socket.SocketPath, "--app", "web-app", "--json"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("web-app", Assert.IsType<PromoteRequest>(Assert.Single(plane.Requests)).App);
        var kinds = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<DeployProgress>(line, ControlJson.Options)!.Kind);
        Assert.Equal([ProgressKinds.Step, ProgressKinds.Succeeded], kinds);
    }

    [Fact]
    public async Task Promote_Fails_ExitsOneWithTheReason()
    {
        await StartAsync(new ScriptedControlPlane
        {
            Promote = _ => [ScriptedControlPlane.Failed("app 'web-app' has no canary to promote")],
        });

        var run = await CliRun.InvokeAsync(["promote", "--control", Socket.SocketPath]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("has no canary to promote", run.Stderr, StringComparison.Ordinal);
    }
}
