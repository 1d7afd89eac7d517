using System.Globalization;
using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.State;

/// <summary>One daemon per state directory: a second one, even on another control socket, must not adopt its processes.</summary>
public sealed class StateLockTests : IAsyncLifetime
{
    private OrchEnvironment _orch = null!;

    public async Task InitializeAsync() => _orch = await OrchEnvironment.StartAsync();

    public async Task DisposeAsync() => await _orch.DisposeAsync();

    [Fact]
    public async Task SecondDaemon_OnTheSameStateDirectoryWithAnotherSocket_ExitsTwoNamingTheFirst()
    {
        var app = TestApp.Create("locked");
        await _orch.DeployOkAsync(app, "r1");
        var otherSocket = Path.Combine(_orch.Root, "other.sock");

        var second = await _orch.RunAsync("daemon", "--control", otherSocket);

        Assert.Equal(2, second.ExitCode);
        Assert.Contains($"state directory {_orch.StateDirectory} is in use", second.Stderr);
        Assert.Contains($"pid {_orch.DaemonPid!.Value.ToString(CultureInfo.InvariantCulture)}", second.Stderr);
        Assert.Contains(_orch.ControlSocket, second.Stderr);
        Assert.False(File.Exists(otherSocket), "the second daemon bound its socket although the state directory is taken");
        var body = await DeployHarness.GetAsync(app.BaseUri);
        Assert.Contains("\"revision\":\"r1\"", body);
        Assert.Equal("active", (await _orch.AppAsync(app.App)).Deployment("r1").State);
    }

    [Fact]
    public async Task Daemon_KilledWhileHoldingTheLock_ANewDaemonTakesTheStateDirectory()
    {
        await _orch.KillDaemonAsync();

        await _orch.StartDaemonAsync();

        // The kernel dropped the dead daemon's flock: the new one started and answers.
        var status = await _orch.RunAsync("status");
        Assert.Equal(0, status.ExitCode);
    }
}
