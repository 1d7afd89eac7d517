using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Router.Tests.Support;

/// <summary>
/// A tiny in-process Kestrel backend on 127.0.0.1:0 standing for one deployment. Its slow and
/// streaming endpoints wait for the test to release them, so tests never depend on timing.
/// </summary>
internal sealed class TestBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SemaphoreSlim _slowGate = new(0);
    private readonly SemaphoreSlim _eventGate = new(0);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _pingConnections = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _rootConnections = new();
    private int _slowStarted;
    private int _rootRequests;
    private int _healthStatus = StatusCodes.Status200OK;
    private int _webSocketsOpen;

    private TestBackend(string name, WebApplication app)
    {
        Name = name;
        _app = app;
    }

    public string Name { get; }

    /// <summary>Where it listens; still known once it stopped.</summary>
    public string Url { get; private set; } = "";

    public int SlowStarted => Volatile.Read(ref _slowStarted);

    /// <summary>The connections <c>/ping</c> was asked on (Kestrel's connection ids).</summary>
    public IReadOnlyCollection<string> PingConnections => [.. _pingConnections.Keys];

    /// <summary>How many requests <c>/</c> answered.</summary>
    public int RootRequests => Volatile.Read(ref _rootRequests);

    /// <summary>The status <c>/health</c> answers; 200 unless a test sets it.</summary>
    public int HealthStatus
    {
        get => Volatile.Read(ref _healthStatus);
        set => Volatile.Write(ref _healthStatus, value);
    }

    /// <summary>The port it listens on.</summary>
    public int Port => new Uri(Url).Port;

    /// <summary>The connections <c>/</c> was asked on.</summary>
    public IReadOnlyCollection<string> RootConnections => [.. _rootConnections.Keys];

    /// <summary>WebSockets this backend accepted and has not seen end yet.</summary>
    public int WebSocketsOpen => Volatile.Read(ref _webSocketsOpen);

    /// <param name="port">The port to listen on (a stopped backend's, to bring it back); any free one by default.</param>
    public static async Task<TestBackend> StartAsync(string name, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.UseWebSockets();
        var backend = new TestBackend(name, app);
        backend.Map(app);
        await app.StartAsync();
        backend.Url = app.Urls.Single();
        return backend;
    }

    /// <summary>Lets one waiting <c>/slow</c> request answer.</summary>
    public void ReleaseSlow() => _slowGate.Release();

    /// <summary>Lets a <c>/sse</c> stream send its next event.</summary>
    public void ReleaseEvent() => _eventGate.Release();

    public async ValueTask DisposeAsync()
    {
        _slowGate.Release(1000);
        _eventGate.Release(1000);
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The payload a <c>big:&lt;n&gt;</c> request gets: byte i is i % 251, so a cut or shifted copy shows.</summary>
    public static byte[] BigMessage(int size)
    {
        var message = new byte[size];
        for (var i = 0; i < size; i++)
        {
            message[i] = (byte)(i % 251);
        }

        return message;
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/", (HttpContext context) =>
        {
            _rootConnections.TryAdd(context.Connection.Id, 0);
            Interlocked.Increment(ref _rootRequests);
            return Name;
        });
        app.MapGet("/ping", (HttpContext context) =>
        {
            _pingConnections.TryAdd(context.Connection.Id, 0);
            return "pong";
        });
        app.MapGet("/health", () => Results.StatusCode(HealthStatus));
        app.MapGet("/slow", async (CancellationToken aborted) =>
        {
            Interlocked.Increment(ref _slowStarted);
            await _slowGate.WaitAsync(aborted);
            return Name;
        });
        app.MapGet("/headers", (HttpRequest request) =>
            $"for={request.Headers["X-Forwarded-For"]};proto={request.Headers["X-Forwarded-Proto"]};host={request.Headers["X-Forwarded-Host"]}");
        app.Map("/ws", async (HttpContext context) =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            Interlocked.Increment(ref _webSocketsOpen);
            using var counted = new Counted(() => Interlocked.Decrement(ref _webSocketsOpen));
            var buffer = new byte[1024];
            while (await socket.ReceiveAsync(buffer, context.RequestAborted) is { MessageType: not System.Net.WebSockets.WebSocketMessageType.Close } received)
            {
                // "big:<n>" asks for one n-byte binary frame (byte i is i % 251), larger than the sockets between can hold.
                if (System.Text.Encoding.UTF8.GetString(buffer, 0, received.Count) is ['b', 'i', 'g', ':', .. var size])
                {
                    await socket.SendAsync(BigMessage(int.Parse(size, System.Globalization.CultureInfo.InvariantCulture)), System.Net.WebSockets.WebSocketMessageType.Binary, true, context.RequestAborted);
                    continue;
                }

                await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, context.RequestAborted);
            }

            await socket.CloseOutputAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "bye", context.RequestAborted);
        });
        app.MapGet("/sse", async (HttpContext context, int count) =>
        {
            context.Response.ContentType = "text/event-stream";
            for (var i = 1; i <= count; i++)
            {
                await context.Response.WriteAsync($"data: {Name}-{i}\n\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                if (i < count)
                {
                    await _eventGate.WaitAsync(context.RequestAborted);
                }
            }
        });
    }

    private sealed class Counted(Action onDispose) : IDisposable
    {
        public void Dispose() => onDispose();
    }
}
