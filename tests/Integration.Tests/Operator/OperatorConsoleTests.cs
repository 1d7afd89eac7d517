using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Orchestrator.Control.Contracts;
using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.Operator;

/// <summary>
/// The operator console's verbs against a real daemon (a cluster of one) with an app deployed, through the real CLI: over
/// its unix socket, and over TCP with its bearer token.
/// </summary>
public sealed class OperatorConsoleTests(OperatorConsoleTests.Node node) : IClassFixture<OperatorConsoleTests.Node>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task ClusterShow_Text_IsPbmsShape_Json_NamesTheMemberWithItsApps()
    {
        var text = await node.Orch.RunAsync("cluster", "show");
        var json = await node.Orch.ClusterAsync();

        Assert.True(text.ExitCode == 0, text.ToString());
        var self = Assert.Single(json.Members);
        Assert.Equal(
            [$"{json.Self} | [control,router,worker] | up | reachable", $"leader: {json.Self}", "unreachable: none"],
            text.Stdout.TrimEnd('\n').Split('\n'));
        Assert.Matches(@"^akka\.ssl\.tcp://orch@127\.0\.0\.1:\d+$", self.Address);
        Assert.Equal([node.App.App], self.Apps!.Value.AsEnumerable());
    }

    [Fact]
    public async Task ClusterTail_Json_PrintsTheCurrentMember_ThenStopsOnCtrlC()
    {
        var self = await node.Orch.SelfAddressAsync();
        var output = Path.Combine(node.Orch.Root, $"tail-{Guid.NewGuid():N}.out");
        using var tail = node.Orch.StartCliWith(new Dictionary<string, string?>(), output, "cluster", "tail", "--json");

        var first = await Eventually.ValueAsync(
            () => Task.FromResult(File.Exists(output) ? File.ReadAllLines(output) : []),
            lines => lines.Any(l => l.Contains("\"kind\":\"up\"", StringComparison.Ordinal)),
            "orch cluster tail to print the current member");
        Signal("INT", tail.Id);
        using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await tail.WaitForExitAsync(exit.Token);

        Assert.True(tail.ExitCode == 0, File.ReadAllText(output));
        var up = JsonSerializer.Deserialize<ClusterEvent>(first.First(l => l.Contains("\"kind\":\"up\"", StringComparison.Ordinal)), Json)!;
        Assert.Equal(self, up.Address);
        Assert.Equal("up", up.Status);
        Assert.Contains("worker", up.Roles);
    }

    [Fact]
    public async Task Deployments_AfterADeploy_ShowTheActiveDeploymentWithItsNode()
    {
        var self = await node.Orch.SelfAddressAsync();
        var text = await node.Orch.RunAsync("deployments");
        var json = await node.Orch.RunAsync("deployments", "--json");

        Assert.True(json.ExitCode == 0, json.ToString());
        var row = Assert.Single(JsonSerializer.Deserialize<DeploymentsResponse>(json.Stdout, Json)!.Deployments);
        Assert.Equal((node.App.App, "r1", "active", true, self), (row.App, row.Revision, row.State, row.Active, row.Node));
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Matches($@"\s{node.App.App}\s+{row.Id}\s+{Regex(self)}\s+active\s+r1\s", text.Stdout);
    }

    [Fact]
    public async Task Console_FedLinesOnStdin_RunsTheVerbs_OnTheSocketAndAfterConnectOverTcp()
    {
        var script = $"cluster show\ndeployments --json\nconnect {node.Remote}\ncluster show --json\nexit\n";

        var run = await node.Orch.RunWithInputAsync(script, new Dictionary<string, string?> { ["ORCH_TOKEN"] = node.Token }, "console");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("| [control,router,worker] | up | reachable", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"\"app\":\"{node.App.App}\"", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"connected to {node.Remote}", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("{\"self\":\"akka.ssl.tcp://orch@127.0.0.1:", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("leave", "nonsense", "error: 'nonsense' is not a node address")]
    [InlineData("join", "127.0.0.1:4053", "error: '127.0.0.1:4053' is not a node address")]
    [InlineData("down", "akka.ssl.tcp://orch@127.0.0.9:1", "error: no member akka.ssl.tcp://orch@127.0.0.9:1 in the cluster")]
    [InlineData("leave", "akka.ssl.tcp://orch@127.0.0.9:1", "error: no member akka.ssl.tcp://orch@127.0.0.9:1 in the cluster")]
    public async Task AddressVerbs_BadAddress_ExitOneWithTheErrorAndAHint(string verb, string address, string error)
    {
        var run = await node.Orch.RunAsync("cluster", verb, address);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(error, run.Stderr, StringComparison.Ordinal);
        Assert.Contains("hint: ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownUnreachable_NoneUnreachable_SaysSoAndExitsZero()
    {
        var run = await node.Orch.RunAsync("cluster", "down-unreachable", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(JsonSerializer.Deserialize<DownUnreachableResult>(run.Stdout, Json)!.Downed);
    }

    [Theory]
    [InlineData("GET", "/v1/cluster/tail")]
    [InlineData("GET", "/v1/deployments")]
    [InlineData("POST", "/v1/cluster/leave")]
    [InlineData("POST", "/v1/cluster/join")]
    [InlineData("POST", "/v1/cluster/down-unreachable")]
    public async Task OverTcp_WithoutTheToken_Is401(string method, string path)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), node.Remote + path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task OverTcp_WithTheToken_TheVerbsWork_WithAWrongOneTheyAreRefused()
    {
        var token = new Dictionary<string, string?> { ["ORCH_TOKEN"] = node.Token };
        var wrong = new Dictionary<string, string?> { ["ORCH_TOKEN"] = "wrong-token-0123456789" };

        var show = await node.Orch.RunWithAsync(token, "cluster", "show", "--control", node.Remote);
        var deployments = await node.Orch.RunWithAsync(token, "deployments", "--control", node.Remote);
        var downUnreachable = await node.Orch.RunWithAsync(token, "cluster", "down-unreachable", "--control", node.Remote);
        var refused = await node.Orch.RunWithAsync(wrong, "deployments", "--control", node.Remote);

        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains("unreachable: none", show.Stdout, StringComparison.Ordinal);
        Assert.True(deployments.ExitCode == 0, deployments.ToString());
        Assert.Contains(node.App.App, deployments.Stdout, StringComparison.Ordinal);
        Assert.True(downUnreachable.ExitCode == 0, downUnreachable.ToString());
        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("needs the daemon's bearer token", refused.Stderr, StringComparison.Ordinal);
    }

    private static string Regex(string text) => System.Text.RegularExpressions.Regex.Escape(text);

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>One daemon for the class, with <c>--control-listen</c> and a token, and one app deployed.</summary>
    public sealed class Node : IAsyncLifetime
    {
        public string Token { get; } = "it-token-" + Guid.NewGuid().ToString("N");

        internal OrchEnvironment Orch { get; private set; } = null!;

        internal TestApp App { get; } = TestApp.Create("console");

        public string Remote { get; private set; } = "";

        public async Task InitializeAsync()
        {
            var port = FreePorts.Any();
            Remote = $"http://127.0.0.1:{port}";
            Orch = await OrchEnvironment.StartAsync(new Dictionary<string, string> { ["ORCH_TOKEN"] = Token }, ["--control-listen", $"127.0.0.1:{port}"]);
            await Orch.DeployOkAsync(App, "r1");
        }

        public async Task DisposeAsync() => await Orch.DisposeAsync();
    }
}
