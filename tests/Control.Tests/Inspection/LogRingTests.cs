using Orchestrator.Control.Contracts;
using Orchestrator.Inspection;
using Xunit;

namespace Orchestrator.Control.Tests.Inspection;

public sealed class LogRingTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Recent_MoreLinesThanItHolds_KeepsTheNewestOldestFirst()
    {
        var ring = new LogRing(capacity: 3);

        foreach (var n in Enumerable.Range(1, 5))
        {
            ring.Append(Line(n));
        }

        Assert.Equal(["line 3", "line 4", "line 5"], ring.Recent(NodeLogLevel.Debug).Select(l => l.Message));
    }

    [Fact]
    public void Recent_Level_LeavesOutLessSevereLines()
    {
        var ring = new LogRing(capacity: 10);
        ring.Append(Line(1, NodeLogLevel.Debug));
        ring.Append(Line(2, NodeLogLevel.Info));
        ring.Append(Line(3, NodeLogLevel.Warning));
        ring.Append(Line(4, NodeLogLevel.Error));

        Assert.Equal(["line 2", "line 3", "line 4"], ring.Recent(NodeLogLevel.Info).Select(l => l.Message));
        Assert.Equal(["line 3", "line 4"], ring.Recent(NodeLogLevel.Warning).Select(l => l.Message));
        Assert.Equal(["line 4"], ring.Recent(NodeLogLevel.Error).Select(l => l.Message));
    }

    [Fact]
    public async Task Follow_AReaderThatKeepsUp_GetsTheRecentLinesThenEveryLaterOneOnce()
    {
        var ring = new LogRing(capacity: 10);
        ring.Append(Line(1));
        ring.Append(Line(2, NodeLogLevel.Debug));

        var (recent, subscription) = ring.Follow(NodeLogLevel.Info, buffer: 10);
        using (subscription)
        {
            ring.Append(Line(3));
            ring.Append(Line(4, NodeLogLevel.Debug));
            ring.Append(Line(5));

            Assert.Equal(["line 1"], recent.Select(l => l.Message));
            Assert.Equal(["line 3", "line 5"], await ReadAsync(subscription, count: 2));
        }
    }

    [Fact]
    public async Task Follow_AReaderThatFallsBehind_LosesLinesAndIsToldHowManyWithoutEverBlockingTheWriter()
    {
        var ring = new LogRing(capacity: 100);
        var (_, subscription) = ring.Follow(NodeLogLevel.Info, buffer: 2);
        using (subscription)
        {
            // Nobody reads: a blocking append would never get past the third line.
            var writing = Task.Run(() =>
            {
                foreach (var n in Enumerable.Range(1, 10))
                {
                    ring.Append(Line(n));
                }
            });
            await Eventually.Within(writing);
            var buffered = await ReadAsync(subscription, count: 2);
            ring.Append(Line(11));
            var after = await ReadAsync(subscription, count: 2);

            Assert.Equal(["line 1", "line 2"], buffered);
            Assert.StartsWith("8 log line(s) dropped", after[0], StringComparison.Ordinal);
            Assert.Equal("line 11", after[1]);
            Assert.Equal(11, ring.Recent(NodeLogLevel.Info).Length);
        }
    }

    [Fact]
    public void Dispose_TheSubscription_StopsOfferingItLines()
    {
        var ring = new LogRing(capacity: 10);
        var (_, subscription) = ring.Follow(NodeLogLevel.Info, buffer: 1);

        subscription.Dispose();
        ring.Append(Line(1));
        ring.Append(Line(2));

        Assert.Equal(2, ring.Recent(NodeLogLevel.Info).Length);
    }

    private static async Task<List<string>> ReadAsync(LogRingSubscription subscription, int count)
    {
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(Eventually.Timeout);
        await foreach (var line in subscription.ReadAllAsync(timeout.Token))
        {
            lines.Add(line.Message);
            if (lines.Count == count)
            {
                break;
            }
        }

        return lines;
    }

    private static NodeLogLine Line(int n, NodeLogLevel level = NodeLogLevel.Info) =>
        new(Start.AddSeconds(n), level, "test", $"line {n}", 1);
}
