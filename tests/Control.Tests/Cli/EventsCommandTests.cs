using System.Text.Json;
using Orchestrator.Control.Contracts;
using Xunit;

namespace Orchestrator.Control.Tests.Cli;

/// <summary><c>orch events</c> over the real control API against the scripted plane.</summary>
public sealed class EventsCommandTests : IAsyncLifetime
{
    private readonly TempSocket _socket = new();
    private readonly ScriptedControlPlane _plane = new();
    private ControlApiServer? _server;

    public async Task InitializeAsync() =>
        _server = await Eventually.Within(ControlApiServer.StartAsync(_plane, _socket.SocketPath, null, CancellationToken.None));

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _socket.Dispose();
    }

    [Fact]
    public async Task Events_Text_PrintsOneLinePerEntry_WithTimeAppDeploymentKindAndSummary()
    {
        var run = await EventsAsync("--app", "web");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("2026-01-01 12:00:00.000Z  web  web-1  deployment.created  web-1 created", run.Stdout.Trim());
        var request = Assert.IsType<EventsRequest>(Assert.Single(_plane.Requests));
        Assert.Equal(new EventsRequest("web", null, null, false), request);
    }

    [Fact]
    public async Task Events_Json_IsOneArray()
    {
        var run = await EventsAsync("--json", "--limit", "5");

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Stdout);
        Assert.Equal("deployment.created", document.RootElement[0].GetProperty("kind").GetString());
        Assert.Equal(5, Assert.IsType<EventsRequest>(Assert.Single(_plane.Requests)).Limit);
    }

    [Fact]
    public async Task Events_Since_SendsTheStartOfTheWindow()
    {
        var before = DateTimeOffset.UtcNow;

        var run = await EventsAsync("--since", "2h");

        Assert.Equal(0, run.ExitCode);
        var since = Assert.IsType<EventsRequest>(Assert.Single(_plane.Requests)).Since!.Value;
        Assert.InRange(since, before.AddHours(-2).AddSeconds(-1), DateTimeOffset.UtcNow.AddHours(-2).AddSeconds(1));
    }

    [Fact]
    public async Task Events_OfAnUnknownApp_ExitsOneWithTheDaemonsMessage()
    {
        var run = await EventsAsync("--app", "nope");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no events of an app named 'nope'", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--since", "soon", "--since soon is not a duration")]
    [InlineData("--limit", "10001", "--limit 10001 is out of range")]
    public async Task Events_BadOption_IsAUsageErrorSayingWhatIsWrong(string option, string value, string message)
    {
        var run = await EventsAsync(option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
        Assert.Empty(_plane.Requests);
    }

    private Task<CliRun> EventsAsync(params string[] extra) => CliRun.InvokeAsync(["events", "--control", _socket.SocketPath, .. extra]);
}
