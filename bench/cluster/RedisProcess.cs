using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Orchestrator.Bench.Cluster;

/// <summary>A real redis-server on a free loopback port, its data directory under the run's root; killed on dispose.</summary>
internal sealed class RedisProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;

    private RedisProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string JournalUri => $"redis://127.0.0.1:{Port}/0";

    public static async Task<RedisProcess> StartAsync(string root, CancellationToken cancellationToken)
    {
        var port = FreePorts.Any();
        var directory = Directory.CreateDirectory(Path.Combine(root, "redis")).FullName;
        var start = new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", $"{port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var redis = new RedisProcess(Process.Start(start)!, port);
        _ = redis._process.StandardOutput.ReadToEndAsync(cancellationToken);
        await Poll.UntilAsync(redis.PingAsync, $"redis-server to answer on {port}", StartTimeout, cancellationToken);
        return redis;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
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
