using System.Text;
using System.Text.Json;
using Orchestrator.Control.Contracts;
using Xunit;

namespace Orchestrator.Control.Tests;

/// <summary>Requests no route takes, sent as raw HTTP over the real socket: each gets its status and a ControlError, and the server keeps answering.</summary>
public sealed class ControlRoutingTests : ScriptedServerTest
{
    [Theory]
    [InlineData("GET", "/v1/deploy", "POST")]
    [InlineData("PUT", "/v1/deploy", "POST")]
    [InlineData("POST", "/v1/health", "GET")]
    [InlineData("DELETE", "/v1/status?app=web", "GET")]
    [InlineData("BREW", "/v1/cluster/down", "POST")]
    [InlineData("HEAD", "/v1/logs", "GET")]
    public async Task WrongMethod_KnownPath_Returns405WithAllowAndAnErrorNamingTheMethods(string method, string target, string allowed)
    {
        var response = await RawHttp.SendAsync(Socket.SocketPath, Head(method, target, "Content-Length: 0"));

        var path = target.Split('?')[0];
        Assert.Equal(405, response.Status);
        Assert.Equal(allowed, response.Headers["Allow"]);
        if (method != "HEAD")
        {
            Assert.Equal($"{path} takes {allowed}, not {method}", Error(response).Error);
        }

        Assert.Empty(Plane.Requests);
        await AssertStillAnswersAsync();
    }

    [Theory]
    [InlineData("GET", "/v2/health")]
    [InlineData("GET", "/")]
    [InlineData("GET", "/v1/health.json")]
    [InlineData("PUT", "/v1/deploy/now")]
    [InlineData("OPTIONS", "*")]
    public async Task UnknownPath_AnyMethod_Returns404WithAnError(string method, string target)
    {
        var response = await RawHttp.SendAsync(Socket.SocketPath, Head(method, target, "Content-Length: 0"));

        Assert.Equal(404, response.Status);
        Assert.StartsWith($"unknown control route {method} ", Error(response).Error, StringComparison.Ordinal);
        Assert.EndsWith("; see `orch --help`", Error(response).Error, StringComparison.Ordinal);
        await AssertStillAnswersAsync();
    }

    [Fact]
    public async Task ChunkedBodyOverTheLimit_Returns413NamingTheLimit()
    {
        // No Content-Length to refuse up front: the limit must hold while the body streams in.
        var chunk = Encoding.ASCII.GetBytes($"10000\r\n{new string('a', 0x10000)}\r\n");
        var chunks = Enumerable.Repeat(chunk, (int)(Defaults.MaxRequestBodyBytes / 0x10000) + 2)
            .Prepend(Encoding.ASCII.GetBytes("8\r\n{\"app\":\"\r\n"));

        var response = await RawHttp.SendAsync(Socket.SocketPath, Head("POST", "/v1/stop", "Transfer-Encoding: chunked", "Content-Type: application/json"), chunks);

        Assert.Equal(413, response.Status);
        Assert.StartsWith(
            $"the request body is larger than the {Defaults.MaxRequestBodyBytes} bytes the control API accepts",
            Error(response).Error,
            StringComparison.Ordinal);
        Assert.Empty(Plane.Requests);
        await AssertStillAnswersAsync();
    }

    private static string Head(string method, string target, params string[] headers) =>
        $"{method} {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n{string.Concat(headers.Select(h => h + "\r\n"))}\r\n";

    private static ControlError Error(RawResponse response)
    {
        Assert.Equal(ControlJson.JsonContentType, response.Headers["Content-Type"]);
        return JsonSerializer.Deserialize<ControlError>(response.Body, ControlJson.Options) ?? throw new InvalidDataException("empty error body");
    }

    private async Task AssertStillAnswersAsync()
    {
        var health = await RawHttp.SendAsync(Socket.SocketPath, Head("GET", "/v1/health"));
        Assert.Equal(200, health.Status);
    }
}
