using System.Text.Json;
using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.Events;

/// <summary><c>orch events</c> against a real daemon, one subclass per journal (the embedded SQLite default, Redis).</summary>
public abstract class EventLogTestsBase : IAsyncLifetime
{
    private protected OrchEnvironment Orch { get; private set; } = null!;

    public async Task InitializeAsync() => Orch = await StartAsync();

    public virtual async Task DisposeAsync() => await Orch.DisposeAsync();

    private protected abstract Task<OrchEnvironment> StartAsync();

    [Fact]
    public async Task Events_AfterTwoDeploys_ListInTimeOrder_TheSecondsLifecycle_TheSwitch_AndTheFirstsDrainAndRetirement()
    {
        var app = TestApp.Create("timeline") with { Drain = "3s" };
        await Orch.DeployOkAsync(app, "r1");
        await Orch.DeployOkAsync(app, "r2");
        var first = await DeploymentOfAsync(app.App, "r1");

        var entries = await Eventually.ValueAsync(
            () => EventsAsync(app.App),
            all => all.Any(e => e.Kind == "deployment.retired" && e.DeploymentId == first),
            "the first deployment's retirement to be in the event log");

        var second = await DeploymentOfAsync(app.App, "r2");
        Assert.All(entries, e => Assert.Equal(app.App, e.App));
        Assert.Equal(entries.OrderBy(e => e.At).Select(e => e.At), entries.Select(e => e.At));
        var created = Index(entries, "deployment.created", second);
        Assert.True(Index(entries, "deployment.created", first) < created, Dump(entries));
        Assert.True(created < Index(entries, "deployment.activated", second), Dump(entries));
        Assert.True(created < Index(entries, "route.switched", second), Dump(entries));
        Assert.True(created < Index(entries, "deployment.draining", first), Dump(entries));
        Assert.True(Index(entries, "deployment.draining", first) < Index(entries, "deployment.retired", first), Dump(entries));
        Assert.Contains(entries, e => e.Kind == "app.deploy-started" && e.DeploymentId == second);
    }

    [Fact]
    public async Task Events_Follow_PrintsANewDeploysEventsAsTheyHappen_AndEndsOnCtrlC()
    {
        var app = TestApp.Create("followed") with { Drain = "3s" };
        await Orch.DeployOkAsync(app, "r1");
        var output = Path.Combine(Orch.Root, "events-follow.out");
        using var follow = Orch.StartCliWith(new Dictionary<string, string?>(), output, "events", "--app", app.App, "--follow", "--json");
        await Eventually.TrueAsync(() => Task.FromResult(Read(output).Any(e => e.Kind == "deployment.activated")), "the follow to print r1's events");

        await Orch.DeployOkAsync(app, "r2");

        var second = await DeploymentOfAsync(app.App, "r2");
        await Eventually.TrueAsync(
            () => Task.FromResult(Read(output).Any(e => e.Kind == "deployment.activated" && e.DeploymentId == second)),
            "the follow to print r2's activation");
        Interrupt(follow);
        using var exit = new CancellationTokenSource(Eventually.DefaultTimeout);
        await follow.WaitForExitAsync(exit.Token);
        Assert.Equal(0, follow.ExitCode);
        Assert.Single(Read(output), e => e.Kind == "deployment.created" && e.DeploymentId == second);
    }

    [Fact]
    public async Task Events_OfAnAppThatNeverDeployed_ExitsOneNamingIt()
    {
        await Orch.DeployOkAsync(TestApp.Create("present"), "r1");

        var run = await Orch.RunAsync("events", "--app", "absent");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("absent", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_WithSinceAndLimit_IsAUsageError()
    {
        var run = await Orch.RunAsync("events", "--since", "1h", "--limit", "5");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--since", run.Stderr, StringComparison.Ordinal);
    }

    private async Task<List<Entry>> EventsAsync(string app)
    {
        var run = await Orch.RunAsync("events", "--app", app, "--json", "--limit", "1000");
        Assert.True(run.ExitCode == 0, run.ToString());
        return [.. JsonDocument.Parse(run.Stdout).RootElement.EnumerateArray().Select(Entry.From)];
    }

    /// <summary>The deployment whose creation names <paramref name="revision"/>.</summary>
    private async Task<string> DeploymentOfAsync(string app, string revision) =>
        (await EventsAsync(app)).Single(e => e.Kind == "deployment.created" && e.Summary.Contains($"revision {revision} ", StringComparison.Ordinal)).DeploymentId!;

    private static int Index(List<Entry> entries, string kind, string deployment)
    {
        var index = entries.FindIndex(e => e.Kind == kind && e.DeploymentId == deployment);
        Assert.True(index >= 0, $"no {kind} of {deployment} in\n{Dump(entries)}");
        return index;
    }

    private static string Dump(IEnumerable<Entry> entries) => string.Join('\n', entries);

    private static List<Entry> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        // A line still being written has no newline yet: only whole lines count.
        var text = reader.ReadToEnd();
        return [.. text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => Entry.From(JsonDocument.Parse(line).RootElement))];
    }

    /// <summary>SIGINT, as Ctrl-C sends it.</summary>
    private static void Interrupt(System.Diagnostics.Process process)
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private sealed record Entry(DateTimeOffset At, string App, string? DeploymentId, string Kind, string Summary)
    {
        public static Entry From(JsonElement json) => new(
            json.GetProperty("at").GetDateTimeOffset(),
            json.GetProperty("app").GetString()!,
            json.GetProperty("deploymentId").GetString(),
            json.GetProperty("kind").GetString()!,
            json.GetProperty("summary").GetString()!);
    }
}
