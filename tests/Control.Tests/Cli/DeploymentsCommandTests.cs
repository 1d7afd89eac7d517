using System.Text.Json;
using Orchestrator.Control.Contracts;
using Xunit;

namespace Orchestrator.Control.Tests.Cli;

public sealed class DeploymentsCommandTests : ScriptedServerTest
{
    [Fact]
    public async Task Text_OneRowPerDeployment_WithItsNodeStateRevisionAndConnections_AndWarnsOfUnavailableApps()
    {
        var run = await CliRun.InvokeAsync("deployments", "--control", Socket.SocketPath);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.TrimEnd('\n').Split('\n');
        Assert.Matches(@"^\s+app\s+deployment\s+node\s+state\s+revision\s+created\s+activated\s+http\s+ws\s+streams$", lines[0]);
        Assert.Matches(@"^\s+api\s+api-2\s+akka\.tcp://orch@127\.0\.0\.1:4053\s+active\s+r2\s.*\s3\s+1\s+0$", lines[2]);
        Assert.Matches(@"^\s+api\s+api-1\s+akka\.tcp://orch@127\.0\.0\.1:4053\s+draining\s+r1\s.*\s1\s+0\s+2$", lines[3]);
        Assert.Contains("warning: app web is unavailable: it did not answer", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_RoundTripsTheResponse()
    {
        var run = await CliRun.InvokeAsync("deployments", "--json", "--control", Socket.SocketPath);

        Assert.Equal(0, run.ExitCode);
        var response = JsonSerializer.Deserialize<DeploymentsResponse>(run.Stdout, ControlJson.Options)!;
        var expected = ScriptedControlPlane.SampleDeployments();
        Assert.Equal(expected.Deployments.AsEnumerable(), response.Deployments.AsEnumerable());
        Assert.Equal("it did not answer", response.UnavailableApps!["web"]);
    }
}
