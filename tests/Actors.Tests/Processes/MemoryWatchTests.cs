using System.Diagnostics;
using Orchestrator.Actors.Processes;
using Xunit;

namespace Orchestrator.Actors.Tests.Processes;

public sealed class MemoryWatchTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly MemoryLimit Limit = new(512L << 20, TimeSpan.FromSeconds(30));

    [Fact]
    public void Decide_AboveForLessThanTheGrace_WaitsAndRemembersSince()
    {
        var first = MemoryWatch.Decide(Limit, 600L << 20, null, T0);
        var second = MemoryWatch.Decide(Limit, 600L << 20, first.AboveSince, T0.AddSeconds(29));

        Assert.Equal(T0, first.AboveSince);
        Assert.Null(first.RestartReason);
        Assert.Equal(T0, second.AboveSince);
        Assert.Null(second.RestartReason);
    }

    [Fact]
    public void Decide_AboveForTheGrace_RestartsWithTheReason()
    {
        var verdict = MemoryWatch.Decide(Limit, 600L << 20, T0, T0.AddSeconds(30));

        Assert.Equal("memory: RSS 600 MB above memory_limit 512 MB for 30s", verdict.RestartReason);
    }

    [Fact]
    public void Decide_ASampleAtTheLimitOrMissing_StartsTheCountOver()
    {
        Assert.Equal(new MemoryVerdict(null, null), MemoryWatch.Decide(Limit, 512L << 20, T0, T0.AddMinutes(5)));
        Assert.Equal(new MemoryVerdict(null, null), MemoryWatch.Decide(Limit, null, T0, T0.AddMinutes(5)));
    }

    [Fact]
    public void SampleInterval_FollowsTheGraceWithinBounds()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), MemoryWatch.SampleInterval(Limit));
        Assert.Equal(TimeSpan.FromMilliseconds(250), MemoryWatch.SampleInterval(Limit with { Grace = TimeSpan.FromSeconds(1) }));
        Assert.Equal(TimeSpan.FromMilliseconds(100), MemoryWatch.SampleInterval(Limit with { Grace = TimeSpan.Zero }));
    }

    [Fact]
    public void ParseVmRss_ReadsKilobytesAsBytes() =>
        Assert.Equal(12_345L * 1024, MemoryUsage.ParseVmRss("Name:\tnode\nVmPeak:\t 99 kB\nVmRSS:\t   12345 kB\nThreads:\t7\n"));

    [Fact]
    public void ParseCgroupPath_ReadsTheUnifiedLine()
    {
        Assert.Equal("/orch/web", MemoryUsage.ParseCgroupPath("4:memory:/x\n0::/orch/web\n"));
        Assert.Null(MemoryUsage.ParseCgroupPath("4:memory:/x\n"));
    }

    [Fact]
    public void ParseCgroup2Mount_FindsTheCgroup2Filesystem() =>
        Assert.Equal("/sys/fs/cgroup/unified", MemoryUsage.ParseCgroup2Mount(
            "30 25 0:26 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n"));

    [Fact]
    public void OfGroup_ALiveGroup_CountsItsResidentMemory()
    {
        using var sleeper = Process.Start("setsid", ["sleep", "30"]);
        try
        {
            var bytes = MemoryUsage.OfGroup(sleeper.Id);

            Assert.NotNull(bytes);
            Assert.InRange(bytes.Value, 64 * 1024, 512L << 20);
        }
        finally
        {
            sleeper.Kill();
        }
    }
}
