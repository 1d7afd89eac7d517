using System.Text.Json;
using Orchestrator.Control.Contracts;
using Xunit;

namespace Orchestrator.Control.Tests.Inspection;

/// <summary>The inspection routes refuse what the CLI would never send with a 400 naming what is wrong, before the plane sees it.</summary>
public sealed class InspectionRoutesTests : ScriptedServerTest
{
    [Theory]
    [InlineData("/v1/node-log?level=loud", "level=loud is not a log level")]
    [InlineData("/v1/node-log?level=7", "level=7 is not a log level")]
    [InlineData("/v1/sharding/region-stats", "needs ?type=TYPE")]
    [InlineData("/v1/actors/hierarchy?depth=-1", "depth=-1 is not a non-negative integer")]
    public async Task Get_BadQuery_Returns400(string target, string error)
    {
        var response = await RawHttp.SendAsync(Socket.SocketPath, $"GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        Assert.Equal(400, response.Status);
        Assert.Contains(error, JsonSerializer.Deserialize<ControlError>(response.Body, ControlJson.Options)!.Error, StringComparison.Ordinal);
        Assert.Empty(Plane.Requests);
    }

    [Fact]
    public async Task NodeLog_LevelInAnyCase_IsTaken()
    {
        var response = await RawHttp.SendAsync(Socket.SocketPath, "GET /v1/node-log?level=Warning HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        Assert.Equal(200, response.Status);
        Assert.Equal(new NodeLogRequest(NodeLogLevel.Warning, Follow: false), Assert.Single(Plane.Requests));
    }
}
