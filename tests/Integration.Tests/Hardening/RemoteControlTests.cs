using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.Hardening;

/// <summary>A real daemon with <c>--control-listen</c>, driven by the real CLI over TCP with <c>--control http://…</c>.</summary>
public sealed class RemoteControlTests
{
    [Fact]
    public async Task RemoteCli_WithoutOrWithAWrongToken_IsRefused_WithTheRightOneDeploys()
    {
        var port = FreePorts.Any();
        var token = "it-token-" + Guid.NewGuid().ToString("N");
        await using var orch = await OrchEnvironment.StartAsync(
            new Dictionary<string, string> { ["ORCH_TOKEN"] = token },
            ["--control-listen", $"127.0.0.1:{port}"]);
        var app = TestApp.Create("remote");
        var release = app.WriteRelease(orch.Root, "r1");
        var remote = $"http://127.0.0.1:{port}";
        string[] deploy = ["deploy", "--control", remote, "--config", Path.Combine(release, "orch.toml"), "--release-path", release, "--revision", "r1"];

        var missing = await orch.RunWithAsync(new Dictionary<string, string?> { ["ORCH_TOKEN"] = null }, deploy);
        var wrong = await orch.RunWithAsync(new Dictionary<string, string?> { ["ORCH_TOKEN"] = "wrong-token-0123456789" }, deploy);
        var status = await orch.RunAsync("status", "--json");
        var right = await orch.RunAsync(deploy);

        Assert.True(missing.ExitCode == 1, missing.ToString());
        Assert.Contains("ORCH_TOKEN is not set", missing.Stderr, StringComparison.Ordinal);
        Assert.True(wrong.ExitCode == 1, wrong.ToString());
        Assert.Contains("needs the daemon's bearer token (a wrong token came with the request)", wrong.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("\"remote\"", status.Stdout, StringComparison.Ordinal); // nothing was deployed by the refused calls
        Assert.True(right.ExitCode == 0, right.ToString());
        Assert.Contains("\"revision\":\"r1\"", await DeployHarness.GetAsync(app.BaseUri));
        var pids = (await orch.AppAsync("remote")).Deployment("r1").Processes.Select(p => p.Pid).OfType<int>().ToList();
        Assert.NotEmpty(pids);
        Assert.All(pids, pid => Assert.DoesNotContain("ORCH_TOKEN=", File.ReadAllText($"/proc/{pid}/environ"), StringComparison.Ordinal));
        var log = orch.ReadDaemonLog();
        Assert.Contains($"Refused control request POST /v1/deploy from 127.0.0.1: a wrong token", log, StringComparison.Ordinal);
        Assert.DoesNotContain(token, log, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-token-0123456789", log, StringComparison.Ordinal);
    }
}
