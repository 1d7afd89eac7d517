using System.Net;
using System.Text;
using System.Text.Json;
using Orchestrator.Control.Client;
using Orchestrator.Control.Contracts;
using Xunit;

namespace Orchestrator.Control.Tests;

public sealed class ControlApiServerTests : IAsyncLifetime
{
    private readonly TempSocket _socket = new();
    private readonly List<ControlApiServer> _servers = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        _socket.Dispose();
    }

    [Fact]
    public async Task Health_RunningServer_ReturnsDaemonInfo()
    {
        await StartAsync(new ScriptedControlPlane());
        using var client = new ControlClient(_socket.SocketPath);

        var info = await Eventually.Within(client.HealthAsync(CancellationToken.None));

        Assert.Equal(ScriptedControlPlane.DefaultInfo, info);
    }

    [Fact]
    public async Task Deploy_PlaneYieldsSteps_StreamsEveryItemAsNdjson()
    {
        var plane = new ScriptedControlPlane
        {
            Deploy = _ => [ScriptedControlPlane.Step("allocating ports"), ScriptedControlPlane.Step("starting web"), ScriptedControlPlane.Succeeded("active")],
        };
        await StartAsync(plane);
        using var client = new ControlClient(_socket.SocketPath);
        var request = new DeployRequest("app = \"web-app\"", "/srv/orch.toml", "/srv/release", "abc123", null);

        var items = new List<DeployProgress>();
        await foreach (var item in client.DeployAsync(request, CancellationToken.None))
        {
            items.Add(item);
        }

        Assert.Equal(["allocating ports", "starting web", "active"], items.Select(i => i.Message));
        Assert.True(items[^1].IsFinal);
        Assert.Equal(request, Assert.Single(plane.Requests));
    }

    [Fact]
    public async Task Deploy_ResponseContentType_IsNdjson()
    {
        await StartAsync(new ScriptedControlPlane());
        using var http = UnixSocketHttp.Create(_socket.SocketPath);
        var body = JsonSerializer.Serialize(new DeployRequest("app = \"a\"", "/a/orch.toml", "/a", null, null), ControlJson.Options);

        using var response = await http.PostAsync("v1/deploy", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ControlJson.NdjsonContentType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnknownRoute_Post_Returns404WithMessageAndServerStillAnswers()
    {
        await StartAsync(new ScriptedControlPlane());
        using var http = UnixSocketHttp.Create(_socket.SocketPath);

        using var response = await http.PostAsync("v1/foo", content: null);
        var error = await ReadErrorAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("unknown control route POST /v1/foo; see `orch --help`", error.Error);
        using var health = await http.GetAsync("v1/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Theory]
    [InlineData("{not json", "not a valid DeployRequest")]
    [InlineData("{\"configToml\": 5, \"configPath\": \"/a\", \"releasePath\": \"/a\"}", "not a valid DeployRequest")]
    [InlineData("{\"configToml\": \"app = 1\"}", "not a valid DeployRequest")]
    [InlineData("", "needs a JSON body")]
    public async Task Deploy_MalformedBody_Returns400SayingWhatIsWrong(string body, string expected)
    {
        await StartAsync(new ScriptedControlPlane());
        using var http = UnixSocketHttp.Create(_socket.SocketPath);

        using var response = await http.PostAsync("v1/deploy", new StringContent(body, Encoding.UTF8, "application/json"));
        var error = await ReadErrorAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, error.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_PlaneRefuses_ClientThrowsWithStatusMessageAndHint()
    {
        var plane = new ScriptedControlPlane
        {
            Stop = _ => throw new ControlPlaneException(409, "a deploy of web-app is in progress", "wait for it or `orch status`", ["web-app-2 is Probing"]),
        };
        await StartAsync(plane);
        using var client = new ControlClient(_socket.SocketPath);

        var ex = await Assert.ThrowsAsync<ControlApiException>(() => client.StopAsync(new StopRequest("web-app"), CancellationToken.None));

        Assert.Equal(409, ex.StatusCode);
        Assert.Equal("a deploy of web-app is in progress", ex.Error.Error);
        Assert.Equal("wait for it or `orch status`", ex.Error.Hint);
        Assert.Equal(["web-app-2 is Probing"], ex.Error.Details);
    }

    [Fact]
    public async Task Deploy_PlaneRefusesBeforeFirstItem_Returns409NotAStream()
    {
        var plane = new ScriptedControlPlane { Deploy = _ => throw new ControlPlaneException(409, "a deploy of web-app is already running") };
        await StartAsync(plane);
        using var client = new ControlClient(_socket.SocketPath);
        var request = new DeployRequest("app = \"web-app\"", "/srv/orch.toml", "/srv/release", null, null);

        var ex = await Assert.ThrowsAsync<ControlApiException>(async () =>
        {
            await foreach (var item in client.DeployAsync(request, CancellationToken.None))
            {
                Assert.Fail($"no progress expected, got {item}");
            }
        });

        Assert.Equal(409, ex.StatusCode);
        Assert.Equal("a deploy of web-app is already running", ex.Message);
    }

    [Fact]
    public async Task Status_PlaneThrowsUnexpectedly_Returns500AndServerKeepsRunning()
    {
        var calls = 0;
        var plane = new ScriptedControlPlane
        {
            Status = _ => Interlocked.Increment(ref calls) == 1 ? throw new InvalidOperationException("boom") : new StatusResponse([]),
        };
        await StartAsync(plane);
        using var client = new ControlClient(_socket.SocketPath);

        var ex = await Assert.ThrowsAsync<ControlApiException>(() => client.StatusAsync(null, CancellationToken.None));
        var second = await client.StatusAsync(null, CancellationToken.None);

        Assert.Equal(500, ex.StatusCode);
        Assert.Contains("boom", ex.Message, StringComparison.Ordinal);
        Assert.Empty(second.Apps);
    }

    [Fact]
    public async Task Logs_QueryParameters_ReachThePlaneAsLogsRequest()
    {
        var plane = new ScriptedControlPlane { Logs = r => [new LogLine("web-app", "web-app-1", "web", $"lines={r.Lines}")] };
        await StartAsync(plane);
        using var client = new ControlClient(_socket.SocketPath);

        var lines = new List<LogLine>();
        await foreach (var line in client.LogsAsync(new LogsRequest("web-app", "web", "web-app-1", 7, Follow: false), CancellationToken.None))
        {
            lines.Add(line);
        }

        Assert.Equal("lines=7", Assert.Single(lines).Text);
        Assert.Equal(new LogsRequest("web-app", "web", "web-app-1", 7, false), Assert.Single(plane.Requests));
    }

    [Fact]
    public async Task Shutdown_Requested_AnswersThenShutsThePlaneDown()
    {
        var plane = new ScriptedControlPlane();
        await StartAsync(plane);
        using var client = new ControlClient(_socket.SocketPath);

        var result = await client.ShutdownAsync(CancellationToken.None);

        Assert.True(result.Ok);
        Assert.Contains("pid 4242", result.Message, StringComparison.Ordinal);
        await Eventually.Within(plane.ShutdownCalled.Task);
    }

    [Fact]
    public async Task StartAsync_DaemonAlreadyAnswers_ThrowsNamingIt()
    {
        await StartAsync(new ScriptedControlPlane());

        var ex = await Assert.ThrowsAsync<DaemonAlreadyRunningException>(() => StartAsync(new ScriptedControlPlane()));

        Assert.Contains("pid 4242", ex.Message, StringComparison.Ordinal);
        Assert.Contains("/tmp/orch-test-state", ex.Message, StringComparison.Ordinal);
        Assert.Contains(_socket.SocketPath, ex.Message, StringComparison.Ordinal);
        Assert.Contains("orch shutdown", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_PlainFileAtSocketPath_RemovesItAndStarts()
    {
        await File.WriteAllTextAsync(_socket.SocketPath, "left over");

        await StartAsync(new ScriptedControlPlane());

        using var client = new ControlClient(_socket.SocketPath);
        Assert.Equal(4242, (await client.HealthAsync(CancellationToken.None)).Pid);
    }

    [Fact]
    public async Task StartAsync_SocketOfDeadDaemon_RemovesItAndStarts()
    {
        // A listener killed with SIGKILL leaves its socket file behind, exactly like a crashed daemon.
        await KilledListener.LeaveSocketAtAsync(_socket.SocketPath);
        Assert.True(File.Exists(_socket.SocketPath));

        await StartAsync(new ScriptedControlPlane());

        using var client = new ControlClient(_socket.SocketPath);
        Assert.Equal(4242, (await client.HealthAsync(CancellationToken.None)).Pid);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task StartAsync_SocketMode_IsAppliedToTheSocketFile()
    {
        await StartAsync(new ScriptedControlPlane(), socketMode: "600");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_socket.SocketPath));
    }

    [Fact]
    public async Task StartAsync_MissingDirectory_CreatesIt()
    {
        var nested = Path.Combine(_socket.DirectoryPath, "state", "orch.sock");

        _servers.Add(await ControlApiServer.StartAsync(new ScriptedControlPlane(), nested, null, CancellationToken.None));

        Assert.True(File.Exists(nested));
    }

    [Fact]
    public async Task DisposeAsync_Stopped_RemovesTheSocketFile()
    {
        var server = await ControlApiServer.StartAsync(new ScriptedControlPlane(), _socket.SocketPath, null, CancellationToken.None);

        await server.DisposeAsync();

        Assert.False(File.Exists(_socket.SocketPath));
    }

    [Fact]
    public async Task Client_NoSocket_ThrowsDaemonNotRunning()
    {
        using var client = new ControlClient(_socket.SocketPath);

        var ex = await Assert.ThrowsAsync<DaemonNotRunningException>(() => client.HealthAsync(CancellationToken.None));

        Assert.Equal(
            $"no orch daemon is running on {_socket.SocketPath}; start one with `orch daemon` (or pass --ensure-daemon to deploy)",
            ex.Message);
    }

    private async Task<ControlApiServer> StartAsync(IControlPlane plane, string? socketMode = null)
    {
        var server = await Eventually.Within(ControlApiServer.StartAsync(plane, _socket.SocketPath, socketMode, CancellationToken.None));
        _servers.Add(server);
        return server;
    }

    private static async Task<ControlError> ReadErrorAsync(HttpResponseMessage response) =>
        JsonSerializer.Deserialize<ControlError>(await response.Content.ReadAsStringAsync(), ControlJson.Options)
        ?? throw new InvalidDataException("empty error body");
}
