using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Orchestrator.Integration.Tests.Harness;

/// <summary>A real redis-server on a free loopback port in a temporary directory, stopped on dispose.</summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private readonly string _directory;
    private readonly bool _appendOnly;
    private Process _process;

    private RedisServer(Process process, int port, string directory, bool appendOnly)
    {
        _process = process;
        Port = port;
        _directory = directory;
        _appendOnly = appendOnly;
    }

    public int Port { get; }

    public string JournalUri => $"redis://127.0.0.1:{Port}/0";

    /// <param name="appendOnly">Keep an fsync-always append-only file, so the data survives <see cref="KillAsync"/> and <see cref="RestartAsync"/>.</param>
    public static async Task<RedisServer> StartAsync(bool appendOnly = false)
    {
        var port = FreePorts.Any();
        var directory = Directory.CreateTempSubdirectory("orch-redis-").FullName;
        var server = new RedisServer(Launch(port, directory, appendOnly), port, directory, appendOnly);
        await Eventually.TrueAsync(server.PingAsync, $"redis-server to answer on {port}");
        return server;
    }

    /// <summary>SIGKILL, as a crash: the port is closed until <see cref="RestartAsync"/>.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>Starts the server again on the same port and directory (with its data when append-only).</summary>
    public async Task RestartAsync()
    {
        _process.Dispose();
        _process = Launch(Port, _directory, _appendOnly);
        await Eventually.TrueAsync(PingAsync, $"redis-server to answer on {Port} again");
    }

    private static Process Launch(int port, string directory, bool appendOnly)
    {
        var start = new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", $"{port}", "--bind", "127.0.0.1", "--save", "", "--dir", directory },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in appendOnly ? ["--appendonly", "yes", "--appendfsync", "always"] : new[] { "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<bool> PingAsync()
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("PING\r\n"));
        var buffer = new byte[16];
        var read = await stream.ReadAsync(buffer);
        return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
    }
}
