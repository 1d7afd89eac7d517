using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.DataPlane;

/// <summary>What goes wrong around the router process: a listen address someone else holds, a stale pid, no router.</summary>
public sealed class RouterFaultTests : IAsyncLifetime
{
    private OrchEnvironment _orch = null!;

    public async Task InitializeAsync() => _orch = await OrchEnvironment.StartAsync();

    public async Task DisposeAsync() => await _orch.DisposeAsync();

    [Fact]
    public async Task Deploy_OnAListenAddressAnotherProgramHolds_FailsNamingItInTheDeployAndInStatus_AndWorksOnceItIsFree()
    {
        var app = TestApp.Create("squatted");
        var squatter = new TcpListener(IPAddress.Loopback, app.ListenPort);
        squatter.Start();
        CliResult failed;
        try
        {
            failed = await _orch.DeployAsync(app, "r1");
            var status = await _orch.StatusAsync();
            var router = Assert.Single(status.Routers ?? []);
            Assert.True(router.Problems.TryGetValue(app.App, out var problem), $"status names no router problem for {app.App}: {JsonSerializer.Serialize(router)}");
            Assert.Contains($"127.0.0.1:{app.ListenPort}", problem);
            Assert.Contains("address already in use", problem);
            var text = await _orch.RunAsync("status");
            Assert.Contains($"127.0.0.1:{app.ListenPort}", text.Stdout);
        }
        finally
        {
            squatter.Stop();
        }

        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains($"127.0.0.1:{app.ListenPort}", failed.Stdout + failed.Stderr);
        Assert.Contains("address already in use", failed.Stdout + failed.Stderr);

        await _orch.DeployOkAsync(app, "r2");
        Assert.Contains("\"revision\":\"r2\"", await DeployHarness.GetAsync(app.BaseUri));
        var healed = Assert.Single((await _orch.StatusAsync()).Routers ?? []);
        Assert.False(healed.Problems.ContainsKey(app.App), $"the router still reports a problem for {app.App}: {healed.Problems.GetValueOrDefault(app.App)}");
    }

    [Fact]
    public async Task Daemon_WhoseRouterRecordNamesAPidNowUsedByAnotherProcess_DoesNotAdoptIt_AndStartsItsOwn()
    {
        var app = TestApp.Create("reused");
        await _orch.DeployOkAsync(app, "r1");
        var routerPid = _orch.RouterPid()!.Value;
        await _orch.KillDaemonAsync();
        Process.GetProcessById(routerPid).Kill();
        await Eventually.TrueAsync(() => Task.FromResult(!RouterProcessReader.IsRunning(routerPid)), "the router to exit");

        // The kernel gave the router's pid to another program: the record's pid runs, with another start time.
        using var other = Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false })!;
        try
        {
            var record = Path.Combine(_orch.StateDirectory, "router.json");
            var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(record))!;
            json["pid"] = other.Id;
            File.WriteAllText(record, json.ToJsonString());

            await _orch.StartDaemonAsync();
            var router = await Eventually.ValueAsync(
                async () => Assert.Single((await _orch.StatusAsync()).Routers ?? []),
                r => r.Unavailable is null && r.Versions.ContainsKey(app.App),
                "the daemon's own router to serve");
            Assert.NotEqual(other.Id, router.Pid);
            Assert.False(other.HasExited, "the daemon signalled the process that merely reuses the router's old pid");
            Assert.Contains("\"revision\":\"r1\"", await DeployHarness.GetAsync(app.BaseUri));
            Assert.Equal(router.Pid, _orch.RouterPid());
        }
        finally
        {
            other.Kill();
        }
    }

    [Fact]
    public async Task RouterRestart_RightAfterTheRouterDied_StartsOne_AndOnlyOneServes()
    {
        var app = TestApp.Create("orphan");
        await _orch.DeployOkAsync(app, "r1");
        var dead = _orch.RouterPid()!.Value;
        Process.GetProcessById(dead).Kill();
        await Eventually.TrueAsync(() => Task.FromResult(!RouterProcessReader.IsRunning(dead)), "the router to exit");

        var result = await _orch.RunAsync("router", "restart", "--json");

        Assert.True(result.ExitCode == 0, $"orch router restart failed: {result}\n{_orch.ReadRouterLog()}");
        using var answer = JsonDocument.Parse(result.Stdout);
        var newPid = answer.RootElement.GetProperty("newPid").GetInt32();
        var oldPid = answer.RootElement.GetProperty("oldPid");
        // The daemon's own supervision may have started a router in the same second; then the restart hands over from it.
        if (oldPid.ValueKind == JsonValueKind.Null)
        {
            Assert.Contains($"no router was running; started pid {newPid}", answer.RootElement.GetProperty("message").GetString());
        }
        else
        {
            Assert.NotEqual(dead, oldPid.GetInt32());
        }

        Assert.Contains("\"revision\":\"r1\"", await DeployHarness.GetAsync(app.BaseUri));
        await Eventually.TrueAsync(
            async () => ((await _orch.StatusAsync()).Routers ?? []) is [{ Draining: false } only] && only.Pid == newPid,
            $"router pid {newPid} to be the only one serving");
        // Two supervision rounds later still only that one: the daemon did not start a second router next to it.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var routers = (await _orch.StatusAsync()).Routers ?? [];
        Assert.True(routers is [var sole] && sole.Pid == newPid, $"routers after the restart: {string.Join(", ", routers.Select(r => r.Pid))}");
        Assert.Equal(newPid, _orch.RouterPid());
    }
}
