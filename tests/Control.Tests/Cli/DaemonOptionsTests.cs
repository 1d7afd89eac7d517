using Xunit;

namespace Orchestrator.Control.Tests.Cli;

/// <summary><c>orch daemon</c> refuses cluster and control options it cannot use before it starts anything.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
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

    [Theory]
    [InlineData("nope", "--control-listen nope is not an IP:PORT address; use e.g. --control-listen 0.0.0.0:7070")]
    [InlineData("127.0.0.1", "--control-listen 127.0.0.1 is not an IP:PORT address")]
    [InlineData("127.0.0.1:0", "--control-listen 127.0.0.1:0 is not an IP:PORT address")]
    public async Task Daemon_ControlListenNotAnAddress_ExitsTwoNamingIt(string listen, string problem)
    {
        var run = await CliRun.InvokeAsync(
            "daemon", "--control-listen", listen, "--token-file", WriteTokenFile("0123456789abcdef0123"), "--state-dir", _socket.DirectoryPath, "--control", _socket.SocketPath);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(problem, run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_socket.SocketPath), "the daemon must not listen when its options are wrong");
    }

    [Fact]
    public async Task Daemon_ControlListenWithoutAToken_ExitsTwoNamingBothWaysToGiveOne()
    {
        // ORCH_TOKEN is not set for the test process (CI does not set it), so only --token-file could give one.
        Assert.True(string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ORCH_TOKEN")), "the test needs ORCH_TOKEN unset");

        var run = await CliRun.InvokeAsync(
            "daemon", "--control-listen", "127.0.0.1:7070", "--state-dir", _socket.DirectoryPath, "--control", _socket.SocketPath);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--control-listen needs a token: set ORCH_TOKEN or pass --token-file FILE (mode 600)", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Daemon_FeedListenWithoutAToken_ExitsTwoNamingBothWaysToGiveOne()
    {
        Assert.True(string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ORCH_TOKEN")), "the test needs ORCH_TOKEN unset");

        var run = await CliRun.InvokeAsync(
            "daemon", "--feed-listen", "127.0.0.1:7071", "--state-dir", _socket.DirectoryPath, "--control", _socket.SocketPath);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--feed-listen needs a token: set ORCH_TOKEN or pass --token-file FILE (mode 600)", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_socket.SocketPath), "the daemon must not listen when its options are wrong");
    }

    [Fact]
    public async Task Daemon_FeedListenNotAnAddress_ExitsTwoNamingIt()
    {
        var run = await CliRun.InvokeAsync(
            "daemon", "--feed-listen", "nope", "--token-file", WriteTokenFile("0123456789abcdef0123"), "--state-dir", _socket.DirectoryPath, "--control", _socket.SocketPath);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--feed-listen nope is not an IP:PORT address; use e.g. --feed-listen 0.0.0.0:7070", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Daemon_TokenFileOthersCanRead_ExitsTwoWithTheChmodToRun()
    {
        var file = WriteTokenFile("0123456789abcdef0123");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var run = await CliRun.InvokeAsync(
            "daemon", "--control-listen", "127.0.0.1:7070", "--token-file", file, "--state-dir", _socket.DirectoryPath, "--control", _socket.SocketPath);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"the token file {file} can be read by others; make it owner-only: chmod 600 {file}", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Daemon_ShortToken_ExitsTwoSayingHowLongItMustBe()
    {
        var run = await CliRun.InvokeAsync(
            "daemon", "--control-listen", "127.0.0.1:7070", "--token-file", WriteTokenFile("short"), "--state-dir", _socket.DirectoryPath, "--control", _socket.SocketPath);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("the control token is 5 characters long; --control-listen needs at least 16", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("short\n", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Daemon_TokenFileWithoutControlListen_ExitsTwo()
    {
        var run = await CliRun.InvokeAsync(
            "daemon", "--token-file", WriteTokenFile("0123456789abcdef0123"), "--state-dir", _socket.DirectoryPath, "--control", _socket.SocketPath);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--token-file is the token of --control-listen", run.Stderr, StringComparison.Ordinal);
    }

    private string WriteTokenFile(string token)
    {
        var path = Path.Combine(_socket.DirectoryPath, $"token-{Guid.NewGuid():N}");
        File.WriteAllText(path, token + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }
}
