using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.Inspection;

/// <summary>The operator console's inspection verbs against a real daemon that runs one deployed app.</summary>
public sealed class InspectionVerbsTests(InspectedDaemon daemon) : IClassFixture<InspectedDaemon>
{
    private OrchEnvironment Orch => daemon.Orch;

    private string App => daemon.App.App;

    [Fact]
    public async Task Regions_ListTheAppsAndRouteTablesRegions()
    {
        var run = await Orch.RunAsync("cluster-sharding", "regions");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"(?m)^\s+apps\s+hosted\s+/system/sharding/apps\s*$", run.Stdout);
        Assert.Matches(@"(?m)^\s+route-tables\s+hosted\s+/system/sharding/route-tables\s*$", run.Stdout);
    }

    [Fact]
    public async Task RegionStats_Apps_CountsTheDeployedAppOnThisNode()
    {
        var run = await Orch.RunAsync("cluster-sharding", "region-stats", "-r", "apps", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var stats = JsonDocument.Parse(run.Stdout);
        var node = Assert.Single(stats.RootElement.GetProperty("nodes").EnumerateArray());
        Assert.Equal(1, node.GetProperty("entities").GetInt32());
        Assert.Equal(1, stats.RootElement.GetProperty("entities").GetInt32());
    }

    [Fact]
    public async Task RegionStats_UnknownType_ExitsOneListingTheTypes()
    {
        var run = await Orch.RunAsync("cluster-sharding", "region-stats", "-r", "nope");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no shard region of type 'nope'", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("apps, route-tables", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hierarchy_OfTheAppsRegion_ShowsTheDeploymentAndItsProcessActors()
    {
        var run = await Orch.RunAsync("actor", "hierarchy", "-s", "/system/sharding/apps");

        Assert.True(run.ExitCode == 0, run.ToString());
        // The tail test may have deployed r2 already: r1, retiring, may be listed without its processes.
        var lines = run.Stdout.Split('\n').Select(l => l.TrimEnd()).ToHashSet();
        var deployments = Regex.Matches(run.Stdout, $@"(?m)^( +)(/system/sharding/apps/[^/\s]+/{App}/app/{App}-[0-9-]+)\s*$");
        Assert.True(deployments.Count > 0, run.Stdout);
        Assert.Contains(deployments, d => lines.Contains($"{d.Groups[1].Value}  {d.Groups[2].Value}/web"));
    }

    [Fact]
    public async Task Hierarchy_MissingPath_ExitsOneNamingIt()
    {
        var run = await Orch.RunAsync("actor", "hierarchy", "-s", "/user/nobody-here");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no actor at /user/nobody-here", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogPeek_ShowsTheDeploysLines_AndLevelWarningLeavesThemOut()
    {
        var info = await Orch.RunAsync("log", "peek");
        var warnings = await Orch.RunAsync("log", "peek", "--level", "warning");

        Assert.True(info.ExitCode == 0, info.ToString());
        Assert.Contains($"route table of {App} is now version", info.Stdout, StringComparison.Ordinal);
        Assert.True(warnings.ExitCode == 0, warnings.ToString());
        Assert.DoesNotContain("is now version", warnings.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("[INFO]", warnings.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogTail_Json_PrintsALineLoggedAfterItStarted_AndEndsOnCtrlC()
    {
        var output = Path.Combine(Orch.Root, "log-tail.out");
        using var tail = Orch.StartCliWith(new Dictionary<string, string?>(), output, "log", "tail", "--json");
        // Connected once the ring's recent lines arrived; the deploy's lines come after them.
        var before = await Eventually.ValueAsync(() => Task.FromResult(VersionLines(output)), n => n > 0, "the tail to print the recent lines");

        await Orch.DeployOkAsync(daemon.App, "r2");

        await Eventually.TrueAsync(() => Task.FromResult(VersionLines(output) > before), "the tail to print the r2 deploy's route table line");
        Interrupt(tail);
        using var exit = new CancellationTokenSource(Eventually.DefaultTimeout);
        await tail.WaitForExitAsync(exit.Token);
        Assert.Equal(0, tail.ExitCode);
        Assert.All(ReadLines(output), line => Assert.True(JsonDocument.Parse(line).RootElement.TryGetProperty("message", out _), line));
    }

    private int VersionLines(string output) => ReadLines(output).Count(l => l.Contains($"route table of {App} is now version", StringComparison.Ordinal));

    private static List<string> ReadLines(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        // A line still being written has no newline yet: only whole lines count.
        var text = reader.ReadToEnd();
        return [.. text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    /// <summary>SIGINT, as Ctrl-C sends it.</summary>
    private static void Interrupt(Process process)
    {
        using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
