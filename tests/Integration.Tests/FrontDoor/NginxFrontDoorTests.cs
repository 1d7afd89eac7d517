using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.FrontDoor;

/// <summary>The README's nginx front door (deploy/nginx/orch.conf, as shipped) in front of the router, across a deploy.</summary>
public sealed class NginxFrontDoorTests : IAsyncLifetime
{
    /// <summary>Events come every 100 ms; a stream nginx buffers holds them back for many seconds.</summary>
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(3);

    private OrchEnvironment _orch = null!;

    public async Task InitializeAsync() => _orch = await OrchEnvironment.StartAsync();

    public async Task DisposeAsync() => await _orch.DisposeAsync();

    [Fact]
    public async Task Deploy_BehindDocumentedNginx_KeepsSseAndWebSocketOnOldReleaseAndLosesNoRequest()
    {
        var app = TestApp.Create("front") with { Drain = "5s" };
        await _orch.DeployOkAsync(app, "r1");
        var oldDeployment = (await _orch.AppAsync(app.App)).ActiveDeploymentId!;
        await using var nginx = await NginxServer.StartAsync(app.ListenPort);
        await Eventually.TrueAsync(
            async () => (await DeployHarness.GetAsync(nginx.BaseUri)).Contains("\"revision\":\"r1\""), "r1 to answer through nginx");

        using var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var sse = await client.GetAsync(new Uri(nginx.BaseUri, "/sse?interval=100"), HttpCompletionOption.ResponseHeadersRead);
        sse.EnsureSuccessStatusCode();
        var stream = ReadStreamAsync(new StreamReader(await sse.Content.ReadAsStreamAsync()));
        using var socket = await WebSocketClient.ConnectAsync(new UriBuilder(nginx.BaseUri) { Scheme = "ws", Path = "/ws" }.Uri);
        Assert.Equal($"{oldDeployment} before", await socket.EchoAsync("before"));
        await using var load = LoadGenerator.Start(nginx.BaseUri, clients: 10);
        await Eventually.TrueAsync(() => Task.FromResult(load.Succeeded > 50), "load to flow through nginx");

        await _orch.DeployOkAsync(app, "r2");

        await Eventually.TrueAsync(() => Task.FromResult(load.AnsweredBy.ContainsKey("r2")), "r2 to answer through nginx");
        var afterSwitch = load.Succeeded;
        await Eventually.TrueAsync(() => Task.FromResult(load.Succeeded > afterSwitch + 100), "load to keep flowing after the deploy");
        Assert.Equal($"{oldDeployment} after", await socket.EchoAsync("after"));
        await load.StopAsync();
        Assert.True(load.Failures.Count == 0,
            $"{load.Failures.Count} of {load.Succeeded + load.Failures.Count} requests through nginx failed, e.g.:\n" +
            string.Join("\n", load.Failures.Take(10)) + "\n--- nginx ---\n" + nginx.ErrorLog);

        var (events, longestPause, lines) = await stream;
        Assert.DoesNotContain(lines, line => !line.StartsWith($"data: {oldDeployment} ", StringComparison.Ordinal));
        Assert.True(events >= 20, $"the SSE stream through nginx carried only {events} events before the drain closed it");
        Assert.True(longestPause <= LongestPause, $"the SSE stream through nginx paused for {longestPause} (events every 100 ms)");
        Assert.Contains("\"revision\":\"r2\"", await DeployHarness.GetAsync(nginx.BaseUri));
    }

    /// <summary>
    /// Reads the event stream until it closes (the drain deadline of its deployment) or a minute passes: how many
    /// events came, the longest pause between two, and every data line (all must come from the old deployment).
    /// </summary>
    private static async Task<(int Events, TimeSpan LongestPause, List<string> Lines)> ReadStreamAsync(StreamReader reader)
    {
        var lines = new List<string>();
        var longest = TimeSpan.Zero;
        var since = Stopwatch.StartNew();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using (reader)
        {
            try
            {
                while (await reader.ReadLineAsync(bound.Token) is { } line)
                {
                    if (!line.StartsWith("data: ", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    longest = since.Elapsed > longest ? since.Elapsed : longest;
                    since.Restart();
                    lines.Add(line);
                }
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                // The stream was cut at the drain deadline: closed, as it should be.
            }
            catch (OperationCanceledException) when (bound.IsCancellationRequested)
            {
                throw new Xunit.Sdk.XunitException($"the SSE stream through nginx was still open a minute later ({lines.Count} events): the drain never closed it");
            }
        }

        return (lines.Count, longest, lines);
    }
}
