using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Akka.Configuration;
using StackExchange.Redis;
using Xunit;

namespace Orchestrator.Persistence.Tests.Redis;

/// <summary>A real redis-server on a free loopback port in a temp dir, for the whole test collection.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly string _directory = Directory.CreateTempSubdirectory("orch-redis-").FullName;
    private Process? _server;

    /// <summary>Chosen up front so a test kit can be configured before the server starts.</summary>
    public int Port { get; } = FreePort();

    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Whether the server keeps an fsync-always append-only file, so acknowledged writes survive <see cref="Kill"/>.</summary>
    public bool AppendOnly { get; init; }

    public Task InitializeAsync() => StartAsync();

    /// <summary>Kills the server abruptly (SIGKILL) and waits for it to exit.</summary>
    public void Kill()
    {
        _server?.Kill(entireProcessTree: true);
        _server?.WaitForExit(5000);
        _server?.Dispose();
        _server = null;
    }

    /// <summary>Starts the server again on the same port and directory; with <see cref="AppendOnly"/> it reloads its data.</summary>
    public Task RestartAsync() => StartAsync();

    public Task DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit(5000);
        }

        _server?.Dispose();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>HOCON that loads hocon/persistence-redis.conf, points both plugins at this server under <paramref name="keyPrefix"/> and selects them.</summary>
    /// <param name="connectionOptions">StackExchange.Redis options appended to the connection string, e.g. ",asyncTimeout=1000".</param>
    public Config Config(string keyPrefix, string connectionOptions = "")
    {
        var overrides = ConfigurationFactory.ParseString($$"""
            akka.loglevel = WARNING
            akka.persistence.journal.plugin = "akka.persistence.journal.redis"
            akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.redis"
            akka.persistence.journal.redis { connection-string = "{{ConnectionString}}{{connectionOptions}}", key-prefix = "{{keyPrefix}}" }
            akka.persistence.snapshot-store.redis { connection-string = "{{ConnectionString}}{{connectionOptions}}", key-prefix = "{{keyPrefix}}" }
            """);
        var plugins = ConfigurationFactory.ParseString(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "persistence-redis.conf")));
        return overrides.WithFallback(plugins);
    }

    private async Task StartAsync()
    {
        var start = new ProcessStartInfo("/usr/bin/redis-server")
        {
            ArgumentList = { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--dir", _directory },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in AppendOnly ? ["--appendonly", "yes", "--appendfsync", "always"] : new[] { "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        _server = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        await WaitForPingAsync();
    }

    private async Task WaitForPingAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString);
                await connection.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException) when (deadline.Elapsed < StartTimeout && _server is { HasExited: false })
            {
                await Task.Delay(50);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "redis";
}
