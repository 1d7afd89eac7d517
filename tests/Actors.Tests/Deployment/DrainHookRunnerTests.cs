using System.Collections.Immutable;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Health;
using Orchestrator.Actors.Processes;
using Orchestrator.Config;
using Xunit;

namespace Orchestrator.Actors.Tests.Deployment;

/// <summary>Hooks run for real: <c>sh</c> commands in the process's directory and environment, HTTP to a closed port.</summary>
public sealed class DrainHookRunnerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("orch-drain-hook-").FullName;
    private readonly HttpClient _client = HealthProbe.CreateClient();

    public void Dispose()
    {
        _client.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Check_ExecExitsZero_Idle_RunInTheProcessDirectoryWithItsEnvironment()
    {
        File.WriteAllText(Path.Combine(_dir, "idle.flag"), "");

        var answer = await DrainHookRunner.CheckAsync(_client, new ExecHook("test -e idle.flag && test \"$JOB\" = render"), Target(), TimeSpan.FromSeconds(10));

        Assert.True(answer.Idle, answer.Detail);
    }

    [Fact]
    public async Task Check_ExecExitsNonZero_Busy()
    {
        var answer = await DrainHookRunner.CheckAsync(_client, new ExecHook("exit 3"), Target(), TimeSpan.FromSeconds(10));

        Assert.False(answer.Idle);
        Assert.Contains("exited with 3", answer.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ExecHangs_KilledAtItsTimeoutAndBusy()
    {
        var clock = Stopwatch.StartNew();

        var answer = await DrainHookRunner.CheckAsync(_client, new ExecHook("sleep 60"), Target(), TimeSpan.FromMilliseconds(300));

        Assert.False(answer.Idle);
        Assert.Contains("killed", answer.Detail, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Check_HttpNothingListens_Busy()
    {
        var answer = await DrainHookRunner.CheckAsync(_client, new HttpHook("GET", "/busy"), Target(ClosedPort()), TimeSpan.FromSeconds(5));

        Assert.False(answer.Idle);
    }

    [Fact]
    public async Task Quiet_ExecFails_ReportsTheError()
    {
        var sent = await DrainHookRunner.QuietAsync(_client, new ExecHook("exit 1"), Target(), TimeSpan.FromSeconds(10));

        Assert.Contains("exited with 1", sent.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quiet_SignalToAGonePid_ReportsTheError()
    {
        using var gone = Process.Start("true")!;
        await gone.WaitForExitAsync();

        var sent = await DrainHookRunner.QuietAsync(_client, new SignalHook(PosixSignals.SIGTERM, "SIGTERM"), Target(pid: gone.Id), TimeSpan.FromSeconds(10));

        Assert.Contains("gone", sent.Error, StringComparison.Ordinal);
    }

    private DrainTarget Target(int? port = null, int? pid = null) =>
        new("worker", pid, port, new ProcessSpec("shop", "d1", "worker", ProcessPolicy.Companion, "node worker.js", _dir,
            ImmutableDictionary<string, string>.Empty.Add("JOB", "render"), Path.Combine(_dir, "worker.log"), TimeSpan.FromSeconds(1), new RestartConfig()));

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
