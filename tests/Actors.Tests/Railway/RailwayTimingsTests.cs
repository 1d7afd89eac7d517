using Orchestrator.Actors.Railway;
using Xunit;

namespace Orchestrator.Actors.Tests.Railway;

/// <summary>How often a deploy asks Railway about its deployment: soon at first, less often the longer a status lasts.</summary>
public sealed class RailwayTimingsTests
{
    [Fact]
    public void PollAfter_GrowsByHalfEachTimeTheStatusRepeats_UpToPollMax()
    {
        var timings = RailwayTimings.Default;

        Assert.Equal(TimeSpan.FromSeconds(1), timings.PollAfter(1));
        Assert.Equal(TimeSpan.FromSeconds(1.5), timings.PollAfter(2));
        Assert.Equal(TimeSpan.FromSeconds(2.25), timings.PollAfter(3));
        Assert.Equal(timings.PollMax, timings.PollAfter(10));
        Assert.Equal(timings.PollMax, timings.PollAfter(int.MaxValue));
    }

    [Fact]
    public void PollAfter_ATenMinuteBuild_CostsAFractionOfPollingEveryTwoSeconds()
    {
        var timings = RailwayTimings.Default;
        var (elapsed, polls) = (TimeSpan.Zero, 0);
        while (elapsed < TimeSpan.FromMinutes(10))
        {
            elapsed += timings.PollAfter(++polls);
        }

        Assert.True(polls < 300 * 3 / 4, $"{polls} polls in 10 minutes; polling every 2 s makes 300");
    }
}
