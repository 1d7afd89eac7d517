using System.Text.Json;
using Orchestrator.Control.Contracts;
using Xunit;

namespace Orchestrator.Control.Tests.Cli;

public sealed class CliTests : ScriptedDaemonCliTests
{
    [Fact]
    public async Task Deploy_PlaneSucceeds_ExitsZeroWithOneLinePerStep()
    {
        var plane = await StartAsync(new ScriptedControlPlane
        {
            Deploy = _ => [ScriptedControlPlane.Step("starting web"), ScriptedControlPlane.Step("probing /ping"), ScriptedControlPlane.Succeeded("web-app-1 is active")],
        });

        var run = await DeployAsync();

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("ms] starting web", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("ms] probing /ping", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("web-app-1 is active", run.Stdout, StringComparison.Ordinal);
        var request = Assert.IsType<DeployRequest>(Assert.Single(plane.Requests));
        Assert.Equal(ReleasePath, request.ReleasePath);
        Assert.Equal(ConfigPath, request.ConfigPath);
        Assert.Equal("app = \"web-app\"\n", request.ConfigToml);
        Assert.False(string.IsNullOrEmpty(request.Revision)); // not a git repo: the UTC time
    }

    [Fact]
    public async Task Deploy_PlaneFails_ExitsOneWithReasonOnStderr()
    {
        await StartAsync(new ScriptedControlPlane
        {
            Deploy = _ => [ScriptedControlPlane.Step("starting web"), ScriptedControlPlane.Failed("web exited with code 3 before its health check passed: Traceback ...")],
        });

        var run = await DeployAsync("--revision", "abc123");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("web exited with code 3 before its health check passed: Traceback ...", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_Refused_ExitsOneWithDaemonMessage()
    {
        await StartAsync(new ScriptedControlPlane
        {
            Deploy = _ => throw new ControlPlaneException(409, "a deploy of web-app is already running", "wait for it to finish"),
        });

        var run = await DeployAsync();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: a deploy of web-app is already running", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("hint: wait for it to finish", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_Json_PrintsOneJsonDocumentPerLine()
    {
        await StartAsync(new ScriptedControlPlane
        {
            Deploy = _ => [ScriptedControlPlane.Step("starting web"), ScriptedControlPlane.Succeeded("active")],
        });

        var run = await DeployAsync("--json");

        Assert.Equal(0, run.ExitCode);
        var kinds = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<DeployProgress>(line, ControlJson.Options)!.Kind);
        Assert.Equal([ProgressKinds.Step, ProgressKinds.Succeeded], kinds);
    }

    [Fact]
    public async Task Deploy_MissingConfig_ExitsOneNamingThePath()
    {
        var missing = Path.Combine(Socket.DirectoryPath, "nowhere.toml");

        var run = await CliRun.InvokeAsync("deploy", "--control", Socket.SocketPath, "--release-path", ReleasePath, "--config", missing);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"config file {missing} does not exist", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("stop")]
    [InlineData("shutdown")]
    [InlineData("logs")]
    public async Task AnyVerb_NoDaemon_PrintsHowToStartOneAndExitsOne(string verb)
    {
        var run = await CliRun.InvokeAsync(verb, "--control", Socket.SocketPath);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(
            $"no orch daemon is running on {Socket.SocketPath}; start one with `orch daemon` (or pass --ensure-daemon to deploy)",
            run.Stderr,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_Json_PrintsExactlyOneJsonDocument()
    {
        await StartAsync(new ScriptedControlPlane { Status = _ => ScriptedControlPlane.SampleStatus() });

        var run = await CliRun.InvokeAsync("status", "--json", "--control", Socket.SocketPath);

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Stdout); // throws on anything but exactly one document
        Assert.Equal("web-app-1", document.RootElement.GetProperty("apps")[0].GetProperty("activeDeploymentId").GetString());
    }

    [Fact]
    public async Task Status_Text_ShowsDeploymentsAndProcesses()
    {
        await StartAsync(new ScriptedControlPlane { Status = _ => ScriptedControlPlane.SampleStatus() });

        var run = await CliRun.InvokeAsync("status", "--control", Socket.SocketPath);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("web-app-1", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("abc123", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("web=18001", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("1234", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("1m5s", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_Text_LinesUpEachValueUnderItsHeader_AndKeepsAMultiLineReasonOnItsRow()
    {
        var sample = ScriptedControlPlane.SampleStatus();
        var app = sample.Apps[0];
        var failed = app.Deployments[0] with { Id = "web-app-0", State = "failed", FailureReason = "exit 1\nSyntaxError: nope" };
        await StartAsync(new ScriptedControlPlane { Status = _ => sample with { Apps = [app with { Deployments = [.. app.Deployments, failed] }] } });

        var run = await CliRun.InvokeAsync("status", "--control", Socket.SocketPath);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n');
        var header = lines.First(l => l.Contains("revision", StringComparison.Ordinal));
        var active = lines.First(l => l.StartsWith("  web-app-1 ", StringComparison.Ordinal));
        var broken = lines.First(l => l.StartsWith("  web-app-0 ", StringComparison.Ordinal));
        Assert.Equal(header.IndexOf("revision", StringComparison.Ordinal), active.IndexOf("abc123", StringComparison.Ordinal));
        Assert.Equal(header.IndexOf("state", StringComparison.Ordinal), active.IndexOf("Active", StringComparison.Ordinal));
        Assert.Equal(header.IndexOf("ports", StringComparison.Ordinal), broken.IndexOf("web=18001", StringComparison.Ordinal));
        Assert.Contains("failed: exit 1 SyntaxError: nope", broken, StringComparison.Ordinal);
        Assert.StartsWith("── web-app  listen 127.0.0.1:8182  active web-app-1 ─", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoDaemon_Json_PrintsTheErrorAsOneJsonDocument()
    {
        var run = await CliRun.InvokeAsync("status", "--json", "--control", Socket.SocketPath);

        Assert.Equal(1, run.ExitCode);
        var error = JsonSerializer.Deserialize<ControlError>(run.Stdout, ControlJson.Options);
        Assert.StartsWith("no orch daemon is running", error!.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_JsonWithoutFollow_PrintsOneJsonArray()
    {
        await StartAsync(new ScriptedControlPlane
        {
            Logs = _ => [new LogLine("web-app", "web-app-1", "web", "one"), new LogLine("web-app", "web-app-1", "web", "two")],
        });

        var run = await CliRun.InvokeAsync("logs", "--json", "--lines", "2", "--control", Socket.SocketPath);

        Assert.Equal(0, run.ExitCode);
        var lines = JsonSerializer.Deserialize<List<LogLine>>(run.Stdout, ControlJson.Options)!;
        Assert.Equal(["one", "two"], lines.Select(l => l.Text));
    }

    [Fact]
    public async Task Stop_Json_PrintsCommandResult()
    {
        await StartAsync(new ScriptedControlPlane());

        var run = await CliRun.InvokeAsync("stop", "--app", "web-app", "--json", "--control", Socket.SocketPath);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new CommandResult(true, "stopped web-app"), JsonSerializer.Deserialize<CommandResult>(run.Stdout, ControlJson.Options));
    }

    [Fact]
    public async Task Doctor_DaemonRunningNoConfig_PassesAndNamesTheDaemon()
    {
        await StartAsync(new ScriptedControlPlane
        {
            Info = ScriptedControlPlane.DefaultInfo with { StateDirectory = Socket.DirectoryPath },
        });

        var run = await CliRun.InvokeAsync(
            "doctor", "--json", "--control", Socket.SocketPath, "--config", Path.Combine(Socket.DirectoryPath, "none.toml"));

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Stdout);
        var checks = document.RootElement.GetProperty("checks").EnumerateArray().ToList();
        Assert.All(checks, c => Assert.True(c.GetProperty("ok").GetBoolean(), c.ToString()));
        Assert.Contains("pid 4242", checks[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_NoDaemon_ExitsOne()
    {
        var run = await CliRun.InvokeAsync("doctor", "--control", Socket.SocketPath, "--config", Path.Combine(Socket.DirectoryPath, "none.toml"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FAIL control socket", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status", "--bogus")]
    [InlineData("deploy")]
    [InlineData("frobnicate")]
    [InlineData("daemon", "--socket-mode", "rw-rw----")]
    public async Task Parse_UsageError_ExitsTwo(params string[] args)
    {
        var run = await CliRun.InvokeAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.NotEmpty(run.Stderr);
    }
}
