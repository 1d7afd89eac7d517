using System.Text.Json;
using Orchestrator.Control.Client;
using Orchestrator.Control.Client.Http;
using Orchestrator.Control.Contracts;
using Orchestrator.Control.Tests.Cli;
using Xunit;

namespace Orchestrator.Control.Tests.Client;

/// <summary>The control client's own HTTP/1.1 over a real unix socket, against a server that sends exactly the given bytes.</summary>
public sealed class ControlClientHttpTests
{
    private const string HealthJson =
        "{\"pid\":4242,\"version\":\"1.2.3\",\"stateDirectory\":\"/var/lib/orch\",\"startedAt\":\"2026-12-01T10:00:00+00:00\",\"journal\":\"sqlite\"}";

    [Fact]
    public async Task Health_ChunkedAnswerInSeveralWrites_IsDecoded_AndTheRequestIsPlainHttp11()
    {
        using var server = new ScriptedHttpServer(
            holdOpen: false,
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
            $"10\r\n{HealthJson[..16]}\r\n",
            $"{HealthJson.Length - 16:x}\r\n{HealthJson[16..]}\r\n",
            "0\r\n\r\n");
        using var client = new ControlClient(server.SocketPath);

        var info = await Eventually.Within(client.HealthAsync(CancellationToken.None));

        Assert.Equal(4242, info.Pid);
        Assert.Equal("/var/lib/orch", info.StateDirectory);
        Assert.Equal("GET /v1/health HTTP/1.1\r\nHost: orch\r\nConnection: close\r\n\r\n", await server.Request);
    }

    [Fact]
    public async Task Stop_SendsItsJsonBodyWithContentLength_AndReadsAContentLengthAnswer()
    {
        const string Answer = "{\"ok\":true,\"message\":\"stopped hello\"}";
        using var server = new ScriptedHttpServer(holdOpen: true, $"HTTP/1.1 200 OK\r\nContent-Length: {Answer.Length}\r\n\r\n{Answer}");
        using var client = new ControlClient(server.SocketPath);

        var result = await Eventually.Within(client.StopAsync(new StopRequest("hello"), CancellationToken.None));

        Assert.Equal("stopped hello", result.Message);
        var request = await server.Request;
        var body = JsonSerializer.Serialize(new StopRequest("hello"), ControlJson.TypeInfo<StopRequest>());
        Assert.StartsWith("POST /v1/stop HTTP/1.1\r\n", request, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Type: application/json; charset=utf-8\r\n", request, StringComparison.Ordinal);
        Assert.EndsWith($"\r\nContent-Length: {body.Length}\r\n\r\n{body}", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionClosedMidBody_ThrowsSayingWhereItBrokeOff()
    {
        using var server = new ScriptedHttpServer(holdOpen: false, $"HTTP/1.1 200 OK\r\nContent-Length: {HealthJson.Length}\r\n\r\n{HealthJson[..20]}");
        using var client = new ControlClient(server.SocketPath);

        var ex = await Assert.ThrowsAsync<ControlConnectionException>(() => Eventually.Within(client.HealthAsync(CancellationToken.None)));

        Assert.Equal(
            $"the daemon's answer to GET /v1/health broke off: the connection closed after 20 of the {HealthJson.Length} body bytes",
            ex.Message);
    }

    [Fact]
    public async Task ConnectionClosedMidChunk_ThrowsSayingWhereItBrokeOff()
    {
        using var server = new ScriptedHttpServer(holdOpen: false, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n{\"pid\":");
        using var client = new ControlClient(server.SocketPath);

        var ex = await Assert.ThrowsAsync<ControlConnectionException>(() => Eventually.Within(client.HealthAsync(CancellationToken.None)));

        Assert.Equal(
            "the daemon's answer to GET /v1/health broke off: the connection closed in the middle of the chunked body, after 7 bytes",
            ex.Message);
    }

    [Fact]
    public async Task NonSuccessWithControlError_ThrowsControlApiException_WithStatusAndMessage()
    {
        const string Error = "{\"error\":\"app 'nope' is not deployed\",\"hint\":\"see `orch status`\"}";
        using var server = new ScriptedHttpServer(
            holdOpen: false,
            "HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n",
            $"{Error.Length:x}\r\n{Error}\r\n0\r\n\r\n");
        using var client = new ControlClient(server.SocketPath);

        var ex = await Assert.ThrowsAsync<ControlApiException>(() => Eventually.Within(client.StatusAsync("nope", CancellationToken.None)));

        Assert.Equal(404, ex.StatusCode);
        Assert.Equal("app 'nope' is not deployed", ex.Error.Error);
        Assert.Equal("see `orch status`", ex.Error.Hint);
        Assert.StartsWith("GET /v1/status?app=nope HTTP/1.1\r\n", await server.Request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonSuccessNotOurs_ThrowsControlApiException_ShowingWhatCameBack()
    {
        using var server = new ScriptedHttpServer(holdOpen: false, "HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\n\r\n<h1>bad gateway</h1>");
        using var client = new ControlClient(server.SocketPath);

        var ex = await Assert.ThrowsAsync<ControlApiException>(() => Eventually.Within(client.ShutdownAsync(CancellationToken.None)));

        Assert.Equal(502, ex.StatusCode);
        Assert.Equal("the daemon answered 502 Bad Gateway: <h1>bad gateway</h1>", ex.Error.Error);
    }

    [Fact]
    public async Task Deploy_NdjsonSplitAcrossChunksMidLine_YieldsEveryEvent()
    {
        var lines = new[] { Progress("started", "hello-1"), Progress("active", "hello-1") };
        var stream = string.Concat(lines.Select(l => l + "\n"));
        using var server = new ScriptedHttpServer(
            holdOpen: false,
            "HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n",
            $"{10:x}\r\n{stream[..10]}\r\n",
            $"{stream.Length - 10:x}\r\n{stream[10..]}\r\n",
            "0\r\n\r\n");
        using var client = new ControlClient(server.SocketPath);

        var events = await Eventually.Within(Collect(client.DeployAsync(Request(), CancellationToken.None)));

        Assert.Equal(["started", "active"], events.Select(e => e.Message));
        Assert.StartsWith("POST /v1/deploy HTTP/1.1\r\n", await server.Request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_ConnectionClosedMidStream_ThrowsAfterTheEventsThatArrived()
    {
        var first = Progress("started", "hello-1") + "\n";
        using var server = new ScriptedHttpServer(
            holdOpen: false,
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
            $"{first.Length:x}\r\n{first}\r\n");
        using var client = new ControlClient(server.SocketPath);
        var events = new List<DeployProgress>();

        var ex = await Assert.ThrowsAsync<ControlConnectionException>(async () =>
        {
            await foreach (var e in client.DeployAsync(Request(), CancellationToken.None))
            {
                events.Add(e);
            }
        });

        Assert.Equal("started", Assert.Single(events).Message);
        Assert.StartsWith("the daemon's answer to POST /v1/deploy broke off: the connection closed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_Refused_ThrowsControlApiException()
    {
        const string Error = "{\"error\":\"a deploy of hello is in progress\"}";
        using var server = new ScriptedHttpServer(holdOpen: false, $"HTTP/1.1 409 Conflict\r\nContent-Length: {Error.Length}\r\n\r\n{Error}");
        using var client = new ControlClient(server.SocketPath);

        var ex = await Assert.ThrowsAsync<ControlApiException>(() => Collect(client.DeployAsync(Request(), CancellationToken.None)));

        Assert.Equal(409, ex.StatusCode);
        Assert.Equal("a deploy of hello is in progress", ex.Error.Error);
    }

    [Fact]
    public async Task NoAnswer_Cancelled_ThrowsOperationCanceled()
    {
        using var server = new ScriptedHttpServer(holdOpen: true);
        using var client = new ControlClient(server.SocketPath);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Eventually.Within(client.HealthAsync(cancel.Token)));
    }

    [Fact]
    public async Task Cli_Status_ConnectionClosedMidAnswer_ExitsOneSayingTheConnectionWasLost()
    {
        using var server = new ScriptedHttpServer(holdOpen: false, "HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n{\"apps\":[");

        var run = await CliRun.InvokeAsync("--control", server.SocketPath, "status");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith(
            $"error: lost the connection to the daemon on {server.SocketPath}: the daemon's answer to GET /v1/status broke off: the connection closed after 9 of the 500 body bytes",
            run.Stderr,
            StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    private static DeployRequest Request() => new("app = \"hello\"", "/srv/hello/orch.toml", "/srv/hello", "r1", null);

    private static string Progress(string message, string deploymentId) => JsonSerializer.Serialize(
        new DeployProgress(ProgressKinds.Step, message, DateTimeOffset.UnixEpoch, "hello", deploymentId), ControlJson.TypeInfo<DeployProgress>());

    private static async Task<List<T>> Collect<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
