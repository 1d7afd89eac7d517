using System.Text.Json;
using Orchestrator.Control.Contracts;
using Xunit;

namespace Orchestrator.Control.Tests.Cli;

public sealed class InspectionCommandTests : ScriptedServerTest
{
    [Fact]
    public async Task Regions_Text_ListsEachTypeWithItsModeAndPath()
    {
        var run = await RunAsync("cluster-sharding", "regions");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"shard regions of {ScriptedControlPlane.SelfAddress}", run.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\s+apps\s+hosted\s+/system/sharding/apps\s*$", run.Stdout);
        Assert.Matches(@"(?m)^\s+route-tables\s+hosted\s+/system/sharding/route-tables\s*$", run.Stdout);
    }

    [Fact]
    public async Task RegionStats_Text_PrintsOneRowPerNodeThenTheTotals()
    {
        var run = await RunAsync("cluster-sharding", "region-stats", "-r", "apps");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("apps", Assert.IsType<RegionStatsRequest>(Assert.Single(Plane.Requests)).TypeName);
        Assert.Matches(@"(?m)^\s+akka\.tcp://orch@127\.0\.0\.1:4053\s+2\s+3\s*$", run.Stdout);
        Assert.Matches(@"(?m)^\s+akka\.tcp://orch@127\.0\.0\.1:4054\s+1\s+1\s*$", run.Stdout);
        Assert.Matches(@"(?m)^\s+total\s+3\s+4\s*$", run.Stdout);
    }

    [Fact]
    public async Task RegionStats_Json_PrintsTheStats()
    {
        var run = await RunAsync("cluster-sharding", "region-stats", "--region", "apps", "--json");

        Assert.Equal(0, run.ExitCode);
        var stats = JsonSerializer.Deserialize<RegionStatsResponse>(run.Stdout, ControlJson.Options)!;
        Assert.Equal(4, stats.Entities);
        Assert.Equal(2, stats.Nodes.Length);
    }

    [Fact]
    public async Task RegionStats_UnknownType_ExitsOneListingTheTypes()
    {
        var run = await RunAsync("cluster-sharding", "region-stats", "-r", "nope");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: no shard region of type 'nope'", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("types: apps, route-tables", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegionStats_NoType_IsAUsageError()
    {
        var run = await RunAsync("cluster-sharding", "region-stats");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(Plane.Requests);
    }

    [Fact]
    public async Task Hierarchy_Text_IndentsEachActorByItsLevel()
    {
        var run = await RunAsync("actor", "hierarchy", "-s", "/user", "-d", "2");

        Assert.Equal(0, run.ExitCode);
        var request = Assert.IsType<ActorHierarchyRequest>(Assert.Single(Plane.Requests));
        Assert.Equal(new ActorHierarchyRequest("/user", 2), request);
        var lines = run.Stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains("/user", lines);
        Assert.Contains("  /user/journal-backup", lines);
        Assert.Contains("    /user/journal-backup/timer", lines);
    }

    [Fact]
    public async Task Hierarchy_NoOptions_AsksForTheUserTreeAtEveryLevel()
    {
        var run = await RunAsync("actor", "hierarchy");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new ActorHierarchyRequest(ActorHierarchyRequest.DefaultPath, null), Assert.Single(Plane.Requests));
    }

    [Fact]
    public async Task Hierarchy_NegativeDepth_IsAUsageError()
    {
        var run = await RunAsync("actor", "hierarchy", "-d", "-1");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--depth -1 is negative", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(Plane.Requests);
    }

    [Fact]
    public async Task LogPeek_Text_PrintsLinesAsAkkasDefaultLoggerDoes()
    {
        var run = await RunAsync("log", "peek");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(new NodeLogRequest(NodeLogLevel.Info, Follow: false), Assert.Single(Plane.Requests));
        Assert.Contains(
            "[INFO][2026-12-03 10:00:00.123Z][Thread 0012][akka://orch/system/sharding/route-tables/1/web-app] route table of web-app is now version 2",
            run.Stdout,
            StringComparison.Ordinal);
        Assert.Contains("[WARNING]", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogPeek_LevelWarning_AsksForWarningsAndAbove()
    {
        var run = await RunAsync("log", "peek", "--level", "warning");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(NodeLogLevel.Warning, Assert.IsType<NodeLogRequest>(Assert.Single(Plane.Requests)).Level);
        Assert.DoesNotContain("is now version", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogPeek_Json_PrintsOneArray()
    {
        var run = await RunAsync("log", "peek", "--json");

        Assert.Equal(0, run.ExitCode);
        var lines = JsonSerializer.Deserialize<List<NodeLogLine>>(run.Stdout, ControlJson.Options)!;
        Assert.Equal(ScriptedControlPlane.SampleNodeLog(), lines);
    }

    [Theory]
    [InlineData("peek")]
    [InlineData("tail")]
    public async Task Log_BadLevel_IsAUsageErrorNamingTheLevels(string verb)
    {
        var run = await RunAsync("log", verb, "--level", "loud");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'loud'", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("'warning'", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(Plane.Requests);
    }

    [Fact]
    public async Task LogTail_Json_PrintsOneLinePerEntryAndEndsWithTheStream()
    {
        var run = await RunAsync("log", "tail", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.True(Assert.IsType<NodeLogRequest>(Assert.Single(Plane.Requests)).Follow);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => JsonSerializer.Deserialize<NodeLogLine>(l, ControlJson.Options));
    }

    private Task<CliRun> RunAsync(params string[] args) => CliRun.InvokeAsync([.. args, "--control", Socket.SocketPath]);
}
