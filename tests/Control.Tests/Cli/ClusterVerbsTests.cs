using System.CommandLine;
using System.Text.Json;
using Orchestrator.Cli;
using Orchestrator.Control.Contracts;
using Xunit;

namespace Orchestrator.Control.Tests.Cli;

/// <summary>The pbm verbs beyond show and down, through the real CLI against a real control server on a scripted plane.</summary>
public sealed class ClusterVerbsTests : ScriptedServerTest
{
    [Fact]
    public async Task Leave_Address_SendsItAndExitsZero()
    {
        var run = await CliRun.InvokeAsync("cluster", "leave", "akka.tcp://orch@127.0.0.1:4054", "--control", Socket.SocketPath);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("akka.tcp://orch@127.0.0.1:4054 is leaving the cluster", run.Stdout, StringComparison.Ordinal);
        Assert.Equal("akka.tcp://orch@127.0.0.1:4054", Assert.IsType<LeaveRequest>(Assert.Single(Plane.Requests)).Address);
    }

    [Theory]
    [InlineData("leave")]
    [InlineData("join")]
    public async Task AddressVerb_NoAddress_IsAUsageError(string verb)
    {
        var run = await CliRun.InvokeAsync("cluster", verb, "--control", Socket.SocketPath);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"Required argument missing for command: '{verb}'", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Join_BadAddress_ExitsOneWithTheErrorAndAHint()
    {
        var run = await CliRun.InvokeAsync("cluster", "join", "not-an-address", "--control", Socket.SocketPath);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: 'not-an-address' is not a node address", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("hint: copy it from `orch cluster show`", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownUnreachable_Text_SaysWhichWereDowned_Json_ListsThem()
    {
        var text = await CliRun.InvokeAsync("cluster", "down-unreachable", "--control", Socket.SocketPath);
        var json = await CliRun.InvokeAsync("cluster", "down-unreachable", "--json", "--control", Socket.SocketPath);

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("marked down 1 unreachable member(s): akka.tcp://orch@127.0.0.1:4054", text.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, json.ExitCode);
        var result = JsonSerializer.Deserialize<DownUnreachableResult>(json.Stdout, ControlJson.Options)!;
        Assert.Equal(["akka.tcp://orch@127.0.0.1:4054"], result.Downed.AsEnumerable());
    }

    [Fact]
    public async Task Tail_Json_PrintsTheCurrentMembersAsNdjson_ThenEndsWithZeroOnCancel()
    {
        using var stdout = new SynchronizedWriter();
        using var stderr = new StringWriter();
        using var cancel = new CancellationTokenSource();
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr, ProcessTerminationTimeout = null };

        var run = OrchCli.InvokeAsync(["cluster", "tail", "--json", "--control", Socket.SocketPath], configuration, cancel.Token);
        await Eventually.Within(stdout.LinesAsync(2));
        await cancel.CancelAsync();

        Assert.Equal(0, await Eventually.Within(run));
        var events = stdout.ToString().TrimEnd('\n').Split('\n').Select(l => JsonSerializer.Deserialize<ClusterEvent>(l, ControlJson.Options)!).ToList();
        Assert.Equal(ScriptedControlPlane.SampleCluster().Members.Select(m => m.Address), events.Select(e => e.Address));
        Assert.All(events, e => Assert.Equal(ClusterEventKinds.Up, e.Kind));
    }

    [Fact]
    public async Task Tail_Text_PrintsOneLinePerEvent()
    {
        using var stdout = new SynchronizedWriter();
        using var cancel = new CancellationTokenSource();
        var configuration = new InvocationConfiguration { Output = stdout, Error = new StringWriter(), ProcessTerminationTimeout = null };

        var run = OrchCli.InvokeAsync(["cluster", "tail", "--control", Socket.SocketPath], configuration, cancel.Token);
        await Eventually.Within(stdout.LinesAsync(2));
        await cancel.CancelAsync();

        Assert.Equal(0, await Eventually.Within(run));
        Assert.Matches(@"^\d\d:\d\d:\d\d up akka\.tcp://orch@127\.0\.0\.1:4053 \[router,worker\]$", stdout.ToString().Split('\n')[0]);
    }
}
