using System.CommandLine;
using Orchestrator.Cli;
using Orchestrator.Cli.Prompt;
using Xunit;

namespace Orchestrator.Control.Tests.Cli.Prompt;

/// <summary><c>orch console</c> fed lines as a script: each runs through the real command tree against the connected node.</summary>
public sealed class ConsoleSessionTests : ScriptedServerTest
{
    [Fact]
    public async Task Script_RunsEachVerb_AgainstTheConnectedNode()
    {
        var (exitCode, stdout, stderr) = await RunAsync($"connect {Socket.SocketPath}\ncluster show\n\norch deployments\nexit\ncluster show\n");

        Assert.True(exitCode == 0, stderr);
        Assert.Contains($"connected to {Socket.SocketPath}", stdout, StringComparison.Ordinal);
        Assert.Single(stdout.Split('\n'), l => l == "leader: akka.tcp://orch@127.0.0.1:4053");
        Assert.Contains("api-2", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_ToAnotherNode_SendsTheNextLinesThere()
    {
        var (exitCode, _, stderr) = await RunAsync("cluster show\nconnect /nonexistent/orch.sock\ncluster show\n", control: Socket.SocketPath);

        Assert.Equal(OrchCli.Failure, exitCode);
        Assert.Contains("/nonexistent/orch.sock", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadLines_AreReported_AndTheSessionGoesOn_ExitingWithTheLastFailure()
    {
        var (exitCode, stdout, stderr) = await RunAsync("cluster frobnicate\nconsole\nconnect http://\ncluster show --json\n", control: Socket.SocketPath);

        Assert.Equal(OrchCli.UsageError, exitCode);
        Assert.Contains("frobnicate", stderr, StringComparison.Ordinal);
        Assert.Contains("error: this is the console already", stderr, StringComparison.Ordinal);
        Assert.Contains("\"self\":\"akka.tcp://orch@127.0.0.1:4053\"", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_OfAVerb_PrintsItsHelp()
    {
        var (exitCode, stdout, _) = await RunAsync("help cluster leave\n", control: Socket.SocketPath);

        Assert.Equal(0, exitCode);
        Assert.Contains("leave <address> [options]", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_AppliesToEveryLine()
    {
        var (exitCode, stdout, _) = await RunAsync("cluster show\n", control: Socket.SocketPath, json: true);

        Assert.Equal(0, exitCode);
        Assert.StartsWith("{\"self\":", stdout, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string script, string? control = null, bool json = false)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr, ProcessTerminationTimeout = null };
        var session = new ConsoleSession(new PipedLines(new StringReader(script)), configuration, control, json);
        var exitCode = await Eventually.Within(session.RunAsync(CancellationToken.None));
        return (exitCode, stdout.ToString(), stderr.ToString());
    }
}
