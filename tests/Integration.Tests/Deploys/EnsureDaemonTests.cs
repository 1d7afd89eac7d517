using System.Net.Http.Json;
using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.Deploys;

public sealed class EnsureDaemonTests
{
    [Fact]
    public async Task Deploy_WithEnsureDaemonAndNoDaemon_StartsOneAndDeploys()
    {
        await using var orch = OrchEnvironment.CreateWithoutDaemon();
        var app = TestApp.Create("ensured");
        var release = app.WriteRelease(orch.Root, "r1");
        try
        {
            var deploy = await orch.RunAsync("deploy", "--ensure-daemon", "--config", Path.Combine(release, "orch.toml"),
                "--release-path", release, "--revision", "r1");

            Assert.True(deploy.ExitCode == 0, deploy.ToString());
            Assert.Contains("\"revision\":\"r1\"", await DeployHarness.GetAsync(app.BaseUri));
        }
        finally
        {
            // This daemon was started by the CLI, not by the harness: stop it here, and wait until it is gone.
            var daemonPid = await DaemonPidAsync(orch);
            await orch.RunAsync("shutdown");
            if (daemonPid is { } pid)
            {
                await StopAsync(pid);
            }
        }
    }

    private static async Task<int?> DaemonPidAsync(OrchEnvironment orch)
    {
        try
        {
            using var client = UnixSocketHttp.Create(orch.ControlSocket);
            var info = await client.GetFromJsonAsync<Orchestrator.Control.Contracts.DaemonInfo>("/v1/health");
            return info?.Pid;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static async Task StopAsync(int pid)
    {
        using var process = FindProcess(pid);
        if (process is null)
        {
            return;
        }

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private static System.Diagnostics.Process? FindProcess(int pid)
    {
        try
        {
            return System.Diagnostics.Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            return null; // already gone
        }
    }
}
