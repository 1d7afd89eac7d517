using System.Diagnostics;
using Xunit;

namespace Orchestrator.Control.Tests.Cli;

/// <summary>The built <c>orch</c> as a real process: Program.cs, exit codes and stderr as a shell sees them.</summary>
public sealed class OrchProcessTests : IAsyncLifetime
{
    private readonly TempSocket _socket = new();
    private ControlApiServer? _server;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _socket.Dispose();
    }

    [Fact]
    public async Task Status_NoDaemon_PrintsHowToStartOneAndExitsOne()
    {
        var (exitCode, stdout, stderr) = await RunOrchAsync("status", "--control", _socket.SocketPath);

        Assert.Equal(1, exitCode);
        Assert.Empty(stdout);
        Assert.Contains("start one with `orch daemon`", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shutdown_DaemonRunning_ExitsZeroAndShutsThePlaneDown()
    {
        var plane = new ScriptedControlPlane();
        _server = await Eventually.Within(ControlApiServer.StartAsync(plane, _socket.SocketPath, null, CancellationToken.None));

        var (exitCode, stdout, _) = await RunOrchAsync("shutdown", "--control", _socket.SocketPath);

        Assert.Equal(0, exitCode);
        Assert.Contains("is shutting down", stdout, StringComparison.Ordinal);
        await Eventually.Within(plane.ShutdownCalled.Task);
    }

    [Fact]
    public async Task Daemon_SeedsOnTheDefaultSqliteJournal_ExitsTwoAtOnceWithoutASocket()
    {
        var stateDirectory = Path.Combine(_socket.DirectoryPath, "state");

        var (exitCode, _, stderr) = await RunOrchAsync(
            "daemon", "--seed", "127.0.0.1:1", "--state-dir", stateDirectory, "--control", _socket.SocketPath);

        Assert.Equal(2, exitCode);
        Assert.Contains("error: a cluster of several nodes needs a shared journal", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_socket.SocketPath), "a daemon that cannot start must not leave its socket behind");
        Assert.False(Directory.Exists(stateDirectory), "a daemon that cannot start must not create its state");
    }

    [Fact]
    public async Task Daemon_SeedsWithoutAClusterCertificate_ExitsTwoSayingHowToMakeOne()
    {
        var stateDirectory = Path.Combine(_socket.DirectoryPath, "state");

        var (exitCode, _, stderr) = await RunOrchAsync(
            "daemon", "--seed", "127.0.0.1:1", "--journal", "redis://127.0.0.1:1", "--state-dir", stateDirectory, "--control", _socket.SocketPath);

        Assert.Equal(2, exitCode);
        Assert.Contains("error: a cluster of several nodes needs the cluster's certificate: create one with `orch cluster init-cert FILE`", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_socket.SocketPath), "a daemon that cannot start must not leave its socket behind");
        Assert.False(Directory.Exists(stateDirectory), "a daemon that cannot start must not create its state");
    }

    [Fact]
    public async Task Daemon_ClusterCertificateMissing_ExitsTwoNamingTheFile()
    {
        var missing = Path.Combine(_socket.DirectoryPath, "cluster.pem");

        var (exitCode, _, stderr) = await RunOrchAsync(
            "daemon", "--cluster-cert", missing, "--state-dir", Path.Combine(_socket.DirectoryPath, "state"), "--control", _socket.SocketPath);

        Assert.Equal(2, exitCode);
        Assert.Contains($"error: the cluster certificate {missing} does not exist; create one with `orch cluster init-cert {missing}`", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_socket.SocketPath), "a daemon that cannot start must not leave its socket behind");
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunOrchAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Only the arguments count: no ORCH_JOURNAL, ORCH_SEEDS, ... from the environment running the tests.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ORCH_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "orch.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var orch = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        try
        {
            var stdout = orch.StandardOutput.ReadToEndAsync();
            var stderr = orch.StandardError.ReadToEndAsync();
            await Eventually.Within(orch.WaitForExitAsync());
            return (orch.ExitCode, await stdout, await stderr);
        }
        finally
        {
            if (!orch.HasExited)
            {
                orch.Kill(entireProcessTree: true);
            }
        }
    }
}
