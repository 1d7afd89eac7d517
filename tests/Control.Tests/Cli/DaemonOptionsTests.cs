using Xunit;

namespace Orchestrator.Control.Tests.Cli;

/// <summary><c>orch daemon</c> refuses cluster options it cannot use before it starts anything.</summary>
public sealed class DaemonOptionsTests : IDisposable
{
    private readonly TempSocket _socket = new();

    public void Dispose() => _socket.Dispose();

    [Theory]
    [InlineData("--seed", "nope", "seed 'nope' is not host:port; e.g. --seed 10.0.0.5:4053")]
    [InlineData("--roles", "chef", "role 'chef' is unknown; roles are router and worker")]
    [InlineData("--cluster-port", "70000", "cluster port '70000' is not a port number")]
    [InlineData("--listen-host", "not-an-ip", "--listen-host not-an-ip is not an IP address; use e.g. --listen-host 127.0.0.2")]
    public async Task Daemon_InvalidClusterOption_ExitsTwoNamingItWithoutStarting(string option, string value, string problem)
    {
        var run = await CliRun.InvokeAsync(
            "daemon", option, value, "--state-dir", _socket.DirectoryPath, "--control", _socket.SocketPath);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(problem, run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_socket.SocketPath), "the daemon must not listen when its options are wrong");
    }
}
