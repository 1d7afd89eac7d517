using System.Text.Json;
using Orchestrator.Control.Contracts;
using Xunit;

namespace Orchestrator.Control.Tests.Cli;

public sealed class ClusterCommandTests : IAsyncLifetime
{
    private readonly TempSocket _socket = new();
    private ControlApiServer? _server;

    public async Task InitializeAsync() =>
        _server = await Eventually.Within(ControlApiServer.StartAsync(new ScriptedControlPlane(), _socket.SocketPath, null, CancellationToken.None));

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _socket.Dispose();
    }

    [Fact]
    public async Task Show_Text_PrintsPbmsShape_OneLinePerMember_ThenTheLeaderAndTheUnreachable()
    {
        var run = await CliRun.InvokeAsync("cluster", "show", "--control", _socket.SocketPath);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [
                "akka.tcp://orch@127.0.0.1:4053 | [router,worker] | up | reachable",
                "akka.tcp://orch@127.0.0.1:4054 | [router] | up | unreachable",
                "leader: akka.tcp://orch@127.0.0.1:4053",
                "unreachable: akka.tcp://orch@127.0.0.1:4054",
            ],
            run.Stdout.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Show_Json_PrintsTheClusterStatus()
    {
        var run = await CliRun.InvokeAsync("cluster", "show", "--json", "--control", _socket.SocketPath);

        Assert.Equal(0, run.ExitCode);
        var status = JsonSerializer.Deserialize<ClusterStatus>(run.Stdout, ControlJson.Options)!;
        var expected = ScriptedControlPlane.SampleCluster();
        Assert.Equal(expected.Self, status.Self);
        Assert.Equal(expected.Leader, status.Leader);
        Assert.Equal(expected.Members.Select(m => m.Address), status.Members.Select(m => m.Address));
        Assert.Equal(["router", "worker"], status.Members[0].Roles.AsEnumerable());
        Assert.Equal(["web-app"], status.Members[0].Apps!.Value.AsEnumerable());
        Assert.False(status.Members[1].Reachable);
        Assert.Null(status.Members[1].Apps);
    }

    [Fact]
    public async Task Down_Address_PrintsTheResultAndExitsZero()
    {
        var run = await CliRun.InvokeAsync("cluster", "down", "akka.tcp://orch@127.0.0.1:4054", "--control", _socket.SocketPath);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("akka.tcp://orch@127.0.0.1:4054 is marked down", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Down_NoAddress_IsAUsageError()
    {
        var run = await CliRun.InvokeAsync("cluster", "down", "--control", _socket.SocketPath);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Required argument missing for command: 'down'", run.Stderr, StringComparison.Ordinal);
    }
}
