using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Orchestrator.Control.Client;
using Orchestrator.Control.Contracts;
using Xunit;

namespace Orchestrator.Control.Tests;

/// <summary>Requests the HTTP layer refuses before they reach the plane: unsafe ids, empty strings, too many log lines.</summary>
public sealed class ControlRequestRulesTests : ScriptedServerTest
{
    [Theory]
    [InlineData("""{"configToml":"app = \"web\"","configPath":"/srv/orch.toml","releasePath":"/srv/r1","revision":null,"deploymentId":"a/b"}""", "deploymentId 'a/b' is not valid: use ASCII letters")]
    [InlineData("""{"configToml":"app = \"web\"","configPath":"/srv/orch.toml","releasePath":"/srv/r1","revision":null,"deploymentId":".."}""", "deploymentId '..' is not valid")]
    [InlineData("""{"configToml":"app = \"web\"","configPath":"/srv/orch.toml","releasePath":"/srv/r1","revision":null,"deploymentId":""}""", "deploymentId '' is not valid")]
    [InlineData("""{"configToml":"app = \"web\"","configPath":"/srv/orch.toml","releasePath":"","revision":null,"deploymentId":null}""", "releasePath is empty")]
    [InlineData("""{"configToml":"app = \"web\"","configPath":"","releasePath":"/srv/r1","revision":null,"deploymentId":null}""", "configPath is empty")]
    [InlineData("""{"configToml":"","configPath":"/srv/orch.toml","releasePath":"/srv/r1","revision":null,"deploymentId":null}""", "configToml is empty")]
    public async Task Deploy_BreaksARule_Returns400SayingWhichFieldAndNeverReachesThePlane(string body, string expected)
    {
        using var http = UnixSocketHttp.Create(Socket.SocketPath);

        using var response = await http.PostAsync("v1/deploy", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await ReadErrorAsync(response)).Error, StringComparison.Ordinal);
        Assert.Empty(Plane.Requests);
    }

    [Theory]
    [InlineData("v1/logs?lines=2147483647", "more than the 10000 lines")]
    [InlineData("v1/logs?deployment=..", "deployment '..' is not valid")]
    [InlineData("v1/logs?process=a%2Fb", "process 'a/b' is not valid")]
    [InlineData("v1/status?app=d%C3%A9mo", "app 'démo' is not valid")]
    [InlineData("v1/events?limit=10001", "more than the 10000 entries")]
    [InlineData("v1/events?app=a%2Fb", "app 'a/b' is not valid")]
    [InlineData("v1/events?limit=5&since=2026-01-01T00:00:00Z", "since or limit, not both")]
    [InlineData("v1/events?since=yesterday", "since=yesterday is not a time")]
    public async Task Get_BreaksARule_Returns400SayingWhatIsAllowed(string uri, string expected)
    {
        using var http = UnixSocketHttp.Create(Socket.SocketPath);

        using var response = await http.GetAsync(uri);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await ReadErrorAsync(response)).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_BodyOverTheLimit_Returns413WithAnErrorBody()
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(Socket.SocketPath));
        await using var stream = new NetworkStream(socket, ownsSocket: false);

        // Announced, not sent: the daemon must refuse from the header and a first chunk, without reading it all.
        var head = $"POST /v1/deploy HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {Defaults.MaxRequestBodyBytes + 1}\r\n\r\n{{\"configToml\":\"";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.StartsWith("HTTP/1.1 413", response, StringComparison.Ordinal);
        Assert.Contains("\"error\":\"the request body is larger than the 2162688 bytes", response, StringComparison.Ordinal);
    }

    private static async Task<ControlError> ReadErrorAsync(HttpResponseMessage response) =>
        JsonSerializer.Deserialize<ControlError>(await response.Content.ReadAsStringAsync(), ControlJson.Options)
        ?? throw new InvalidDataException("empty error body");
}
