using System.Text.Json;
using Orchestrator.Control.Contracts;
using Xunit;

namespace Orchestrator.Control.Tests.Cli;

/// <summary><c>orch deploy --canary</c> and <c>orch promote</c> against a scripted daemon.</summary>
public sealed class CanaryCliTests : IAsyncLifetime
{
    private readonly TempSocket _socket = new();
    private ControlApiServer? _server;

    private string ReleasePath => Path.Combine(_socket.DirectoryPath, "release");

    private string ConfigPath => Path.Combine(ReleasePath, "orch.toml");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ReleasePath);
        await File.WriteAllTextAsync(ConfigPath, "app = \"web-app\"\n");
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _socket.Dispose();
    }

    [Fact]
    public async Task DeployCanary_SendsTheRule()
    {
        var plane = await StartAsync(new ScriptedControlPlane());

        var run = await CliRun.InvokeAsync(["deploy", "--control", _socket.SocketPath, "--release-path", ReleasePath, "--config", ConfigPath, "--canary", "cookie:beta=1"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("cookie:beta=1", Assert.IsType<DeployRequest>(Assert.Single(plane.Requests)).Canary);
    }

    [Fact]
    public async Task DeployCanary_BadRule_IsAUsageErrorAndSendsNothing()
    {
        var plane = await StartAsync(new ScriptedControlPlane());

        var run = await CliRun.InvokeAsync(["deploy", "--control", _socket.SocketPath, "--release-path", ReleasePath, "--config", ConfigPath, "--canary", "100%"]);

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

        var run = await CliRun.InvokeAsync(["promote", "--control", _socket.SocketPath, "--app", "web-app", "--json"]);

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

        var run = await CliRun.InvokeAsync(["promote", "--control", _socket.SocketPath]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("has no canary to promote", run.Stderr, StringComparison.Ordinal);
    }

    private async Task<ScriptedControlPlane> StartAsync(ScriptedControlPlane plane)
    {
        _server = await Eventually.Within(ControlApiServer.StartAsync(plane, _socket.SocketPath, null, CancellationToken.None));
        return plane;
    }
}
