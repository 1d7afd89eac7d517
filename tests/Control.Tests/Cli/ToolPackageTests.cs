using System.Reflection;
using Orchestrator.Cli;
using Xunit;

namespace Orchestrator.Control.Tests.Cli;

/// <summary><c>orch</c> as <c>dotnet tool install</c> leaves it: the packed artifact, installed into a temp tool path.</summary>
public sealed class ToolPackageTests(PackedTool tool) : IClassFixture<PackedTool>
{
    [Fact]
    public async Task InstalledTool_Version_PrintsTheVersionOfThisBuild()
    {
        var expected = typeof(OrchCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        var run = await ToolProcess.RunAsync(tool.Orch, ["--version"], tool.WorkingDirectory, PackedTool.Timeout);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(expected, run.Stdout.Trim());
    }

    [Fact]
    public async Task InstalledTool_NodeVerbs_RunTheDaemonAndTheRouterItCarries()
    {
        var daemon = await ToolProcess.RunAsync(tool.Orch, ["daemon", "--help"], tool.WorkingDirectory, PackedTool.Timeout);
        var router = await ToolProcess.RunAsync(tool.Orch, ["router", "--help"], tool.WorkingDirectory, PackedTool.Timeout);

        Assert.True(daemon.ExitCode == 0, daemon.ToString());
        Assert.Contains("orch-daemon daemon [options]", daemon.Stdout, StringComparison.Ordinal);
        Assert.True(router.ExitCode == 0, router.ToString());
        Assert.Contains("orch-router router [options]", router.Stdout, StringComparison.Ordinal);
    }
}
