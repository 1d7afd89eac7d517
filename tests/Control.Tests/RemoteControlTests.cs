using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Orchestrator.Control.Client;
using Orchestrator.Control.Contracts;
using Xunit;

namespace Orchestrator.Control.Tests;

/// <summary><c>--control-listen</c>: the control API over TCP answers only with the daemon's bearer token.</summary>
public sealed class RemoteControlTests : IAsyncLifetime
{
    private const string Token = "s3cret-token-0123456789abcdef";

    private readonly TempSocket _socket = new();
    private readonly CapturedLog _log = new();
    private readonly int _port = FreePort();
    private ControlApiServer? _server;

    private Uri Address => new($"http://127.0.0.1:{_port}");

    public async Task InitializeAsync()
    {
        _server = await ControlApiServer.StartAsync(
            new ScriptedControlPlane(),
            _socket.SocketPath,
            socketMode: null,
            CancellationToken.None,
            LoggerFactory.Create(builder => builder.AddProvider(_log)),
            new RemoteControl(new IPEndPoint(IPAddress.Loopback, _port), Token));
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _socket.Dispose();
    }

    [Fact]
    public async Task RemoteClient_WithTheToken_GetsHealthAndStreamsADeploy()
    {
        using var client = new ControlClient(new ControlEndpoint.Remote(Address, Token));

        var info = await client.HealthAsync(CancellationToken.None);
        var steps = new List<DeployProgress>();
        await foreach (var step in client.DeployAsync(new DeployRequest("app = \"a\"", "/a/orch.toml", "/a", null, null), CancellationToken.None))
        {
            steps.Add(step);
        }

        Assert.Equal(ScriptedControlPlane.DefaultInfo, info);
        Assert.True(steps[^1].IsFinal);
    }

    [Fact]
    public async Task Tcp_WithoutAToken_Gets401NamingOrchTokenAndTheRefusalIsLogged()
    {
        using var http = new HttpClient { BaseAddress = Address };

        using var response = await http.GetAsync("/v1/health");
        var error = JsonSerializer.Deserialize<ControlError>(await response.Content.ReadAsStringAsync(), ControlJson.Options)!;

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("no Authorization header", error.Error, StringComparison.Ordinal);
        Assert.Contains("ORCH_TOKEN", error.Hint, StringComparison.Ordinal);
        Assert.Contains(_log.Lines, line => line.Contains("Refused control request GET /v1/health from 127.0.0.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tcp_WithAWrongToken_Gets401AndNeitherTheAnswerNorTheLogRepeatsIt()
    {
        const string wrong = "guessed-token-9876543210";
        using var http = new HttpClient { BaseAddress = Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", wrong);

        using var response = await http.PostAsync("/v1/shutdown", content: null);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("a wrong token", body, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, body, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, body, StringComparison.Ordinal);
        Assert.Contains(_log.Lines, line => line.Contains("POST /v1/shutdown", StringComparison.Ordinal) && line.Contains("a wrong token", StringComparison.Ordinal));
        Assert.DoesNotContain(_log.Lines, line => line.Contains(wrong, StringComparison.Ordinal) || line.Contains(Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RemoteClient_WithAWrongToken_ThrowsThe401WithTheHint()
    {
        using var client = new ControlClient(new ControlEndpoint.Remote(Address, "not-the-token-at-all"));

        var ex = await Assert.ThrowsAsync<ControlApiException>(() => client.StatusAsync(null, CancellationToken.None));

        Assert.Equal(401, ex.StatusCode);
        Assert.Contains("ORCH_TOKEN", ex.Error.Hint, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-token-at-all", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoteClient_WithoutAToken_FailsBeforeSendingAndNamesOrchToken()
    {
        using var client = new ControlClient(new ControlEndpoint.Remote(Address, Token: null));

        var ex = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => client.HealthAsync(CancellationToken.None));

        Assert.Contains("ORCH_TOKEN is not set", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_log.Lines, line => line.Contains("Refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnixSocket_NeedsNoToken_WhileTheTcpListenerRuns()
    {
        using var client = new ControlClient(_socket.SocketPath);

        var info = await client.HealthAsync(CancellationToken.None);

        Assert.Equal(4242, info.Pid);
    }

    [Fact]
    public async Task RemoteClient_NothingListening_SaysNoDaemonAnswersAtTheAddress()
    {
        var closed = new Uri($"http://127.0.0.1:{FreePort()}");
        using var client = new ControlClient(new ControlEndpoint.Remote(closed, Token));

        var ex = await Assert.ThrowsAsync<DaemonNotRunningException>(() => client.HealthAsync(CancellationToken.None));

        Assert.StartsWith($"no orch daemon answers at {closed.GetLeftPart(UriPartial.Authority)}", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, ex.Message, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Every formatted log line of the server, to check what a refusal writes.</summary>
    private sealed class CapturedLog : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyCollection<string> Lines => _lines;

        public ILogger CreateLogger(string categoryName) => new Logger(_lines);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception));
        }
    }
}
