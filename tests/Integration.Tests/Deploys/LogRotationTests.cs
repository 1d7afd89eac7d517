using System.Globalization;
using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.Deploys;

/// <summary>A process that writes past <c>[logs] max_size</c> has its log rotated while <c>orch logs --follow</c> keeps following.</summary>
public sealed class LogRotationTests : IAsyncLifetime
{
    private const int Rounds = 3;
    private const int BurstBytes = 200_000;
    private OrchEnvironment _orch = null!;

    public async Task InitializeAsync() => _orch = await OrchEnvironment.StartAsync();

    public async Task DisposeAsync() => await _orch.DisposeAsync();

    [Fact]
    public async Task Logs_ProcessWritingPastMaxSize_RotatesKeepingTwoAndFollowPrintsWhatCameAfterEachRotation()
    {
        var app = TestApp.Create("rotating") with
        {
            Environment = $"LOG_BYTES = \"{BurstBytes}\"",
            ExtraProcesses = "[logs]\nmax_size = \"64KB\"\nkeep = 2",
        };
        await _orch.DeployOkAsync(app, "r1");
        var log = (await _orch.AppAsync(app.App)).Deployment("r1").Processes.Single(p => p.Id == "web").LogPath!;
        var output = Path.Combine(_orch.Root, "logs-follow.out");
        using var follow = _orch.StartCliWith(new Dictionary<string, string?>(), output, "logs", "--app", app.App, "--process", "web", "--follow");
        try
        {
            await RotateWhileFollowingAsync(app, log, output);
        }
        finally
        {
            follow.Kill();
        }

        var rotated = Directory.GetFiles(Path.GetDirectoryName(log)!).Select(f => Path.GetFileName(f)!)
            .Where(f => f.StartsWith("web.log.", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["web.log.1", "web.log.2"], rotated);
        Assert.True(new FileInfo(log).Length < BurstBytes, $"the live log is {new FileInfo(log).Length} bytes after {Rounds + 1} bursts of {BurstBytes}");
        Assert.DoesNotContain("log line 0 ", ReadShared(log), StringComparison.Ordinal);

        // Lines are never printed twice (a rotation may lose the few written in the instant of its truncate: not asserted).
        var printed = ReadShared(output).Split('\n').Where(l => l.Contains("log line ", StringComparison.Ordinal)).ToList();
        Assert.True(printed.Count > Rounds * BurstBytes / 100 * 9 / 10, $"the follow printed only {printed.Count} numbered lines");
        Assert.Empty(printed.GroupBy(l => l).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    /// <summary>Each round fills the log past max_size, waits until its last line was rotated into .1, then writes a marker the follow must print.</summary>
    private static async Task RotateWhileFollowingAsync(TestApp app, string log, string output)
    {
        using var http = new HttpClient();

        // The startup burst may already be rotated away: the follow shows it follows by printing a line written now.
        await Eventually.TrueAsync(
            async () =>
            {
                using var ready = await http.PostAsync(new Uri(app.BaseUri, "/log?line=follow%20ready"), null);
                return ReadShared(output).Contains("follow ready", StringComparison.Ordinal);
            },
            "the follow to print a line written after it started");
        for (var round = 1; round <= Rounds; round++)
        {
            using var burst = await http.PostAsync(new Uri(app.BaseUri, $"/log?bytes={BurstBytes}"), null);
            var last = int.Parse(await burst.Content.ReadAsStringAsync(), CultureInfo.InvariantCulture);
            await Eventually.TrueAsync(
                () => Task.FromResult(ReadShared(log + ".1").Contains($"log line {last} ", StringComparison.Ordinal)),
                $"round {round}'s lines to be rotated into {Path.GetFileName(log)}.1");

            var marker = $"marker written after rotation {round}";
            using var _ = await http.PostAsync(new Uri(app.BaseUri, $"/log?line={Uri.EscapeDataString(marker)}"), null);
            await Eventually.TrueAsync(() => Task.FromResult(ReadShared(output).Contains(marker, StringComparison.Ordinal)), $"the follow to print '{marker}'");
        }

    }

    private static string ReadShared(string path)
    {
        if (!File.Exists(path))
        {
            return "";
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
