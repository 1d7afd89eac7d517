using Orchestrator.Actors.Processes;
using Xunit;

namespace Orchestrator.Actors.Tests.Processes;

public sealed class LogTailTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"orch-tail-{Guid.NewGuid():N}.log");

    [Fact]
    public void Poll_AppendedLines_KeepsOnlyTheLastCapacityLines()
    {
        File.WriteAllText(_path, "before\n");
        var tail = LogTail.FromEnd(_path, capacity: 3);

        File.AppendAllText(_path, "one\ntwo\r\nthree\nfour\nhalf");
        tail.Poll();

        Assert.Equal(["two", "three", "four"], tail.Last(10).ToArray());
        Assert.Equal(["four"], tail.Last(1).ToArray());

        File.AppendAllText(_path, "-done\n");
        tail.Poll();
        Assert.Equal(["four", "half-done"], tail.Last(2).ToArray());
    }

    [Fact]
    public void EndLine_UnterminatedOutput_KeepsItAsALine()
    {
        var tail = LogTail.FromEnd(_path, capacity: 10);
        File.WriteAllText(_path, "no newline");

        tail.Poll();
        tail.EndLine();

        Assert.Equal(["no newline"], tail.Last(5).ToArray());
    }

    [Fact]
    public void FromLast_LargeFile_DropsTheCutFirstLine()
    {
        File.WriteAllText(_path, "aaaaaaaaaa\nbbb\nccc\n");

        var tail = LogTail.FromLast(_path, capacity: 10, bytes: 10);

        Assert.Equal(["bbb", "ccc"], tail.Last(10).ToArray());
    }

    [Fact]
    public void Poll_AfterARotation_ReadsTheRestFromDotOneThenTheNewLinesOnceEach()
    {
        File.WriteAllText(_path, "one\n");
        var tail = LogTail.FromEnd(_path, capacity: 10);
        File.AppendAllText(_path, "two\nthr");

        LogRotator.Rotate(_path, keep: 2);
        File.AppendAllText(_path, "ee\nfour\n");
        var added = tail.Poll();

        Assert.Equal(3, added);
        Assert.Equal(["two", "three", "four"], tail.Last(10).ToArray());
    }

    [Fact]
    public void Poll_FileRotatedAndGrownPastTheOffsetAgain_DoesNotSkipTheNewStart()
    {
        var tail = LogTail.FromEnd(_path, capacity: 10);
        File.WriteAllText(_path, "a\n");
        tail.Poll();

        LogRotator.Rotate(_path, keep: 1);
        File.AppendAllText(_path, "after rotation\n");
        tail.Poll();

        Assert.Equal(["a", "after rotation"], tail.Last(10).ToArray());
    }

    [Fact]
    public void Poll_SeveralRotationsBetweenPolls_ReadsEachCopyOldestFirst()
    {
        File.WriteAllText(_path, "");
        var tail = LogTail.FromEnd(_path, capacity: 10);
        foreach (var line in new[] { "first", "second", "third" })
        {
            File.AppendAllText(_path, line + "\n");
            LogRotator.Rotate(_path, keep: 5);
        }

        File.AppendAllText(_path, "live\n");
        tail.Poll();

        Assert.Equal(["first", "second", "third", "live"], tail.Last(10).ToArray());
    }

    [Fact]
    public void PollNewLines_BurstLargerThanTheRing_ReturnsEveryLineOnce()
    {
        var tail = LogTail.FromEnd(_path, capacity: 3);
        File.WriteAllText(_path, string.Concat(Enumerable.Range(0, 10).Select(i => $"line {i}\n")));

        var lines = tail.PollNewLines();

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"line {i}"), lines);
        Assert.Empty(tail.PollNewLines());
        Assert.Equal(["line 7", "line 8", "line 9"], tail.Last(10).ToArray());
    }

    [Fact]
    public void Poll_TruncatedBySomeoneElse_FollowsFromTheStart()
    {
        File.WriteAllText(_path, "long line before\n");
        var tail = LogTail.FromEnd(_path, capacity: 10);

        File.WriteAllText(_path, "new\n");
        tail.Poll();

        Assert.Equal(["new"], tail.Last(10).ToArray());
    }

    public void Dispose()
    {
        foreach (var rotated in LogRotator.RotatedFiles(_path))
        {
            File.Delete(rotated.Path);
        }

        File.Delete(_path);
    }
}
