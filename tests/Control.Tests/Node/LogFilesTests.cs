using Orchestrator.Node;
using Xunit;

namespace Orchestrator.Control.Tests.Node;

public sealed class LogFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("orch-logs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task ReadAsync_Following_GivesTheLastLinesThenWhatIsAppended()
    {
        var path = Path.Combine(_dir, "web.log");
        await File.WriteAllTextAsync(path, "one\ntwo\nthree\n");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var source = new LogFiles.Source("app", "app-1", "web", path);

        var seen = new List<string>();
        await foreach (var line in LogFiles.ReadAsync([source], lines: 2, follow: true, stop.Token))
        {
            seen.Add(line.Text);
            if (seen.Count == 2)
            {
                await File.AppendAllTextAsync(path, "four\nfive (no newline yet)", CancellationToken.None);
            }

            if (seen.Count == 3)
            {
                break;
            }
        }

        Assert.Equal(["two", "three", "four"], seen);
    }

    [Fact]
    public async Task ReadAsync_OfALogLargerThanWhatIsAsked_GivesOnlyItsEnd()
    {
        var path = Path.Combine(_dir, "big.log");
        await File.WriteAllLinesAsync(path, Enumerable.Range(1, 200_000).Select(i => $"line {i}"));

        var lines = new List<string>();
        await foreach (var line in LogFiles.ReadAsync([new LogFiles.Source("app", "app-1", "web", path)], 3, follow: false, CancellationToken.None))
        {
            lines.Add(line.Text);
        }

        Assert.Equal(["line 199998", "line 199999", "line 200000"], lines);
    }
}
