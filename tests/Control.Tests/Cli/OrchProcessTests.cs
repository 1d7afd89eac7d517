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

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunOrchAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
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
