using Orchestrator.Actors.Processes;
using Orchestrator.Config;
using Xunit;

namespace Orchestrator.Actors.Tests.Processes;

public sealed class RestartBackoffTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly RestartConfig Config = new()
    {
        MaxRestarts = 4,
        Window = TimeSpan.FromSeconds(60),
        BackoffFactor = 3,
        InitialDelay = TimeSpan.FromMilliseconds(100),
        MaxDelay = TimeSpan.FromSeconds(2),
    };

    [Theory]
    [InlineData(new int[0], 100, 0)]
    [InlineData(new[] { 10 }, 300, 1)]
    [InlineData(new[] { 20, 10 }, 900, 2)]
    [InlineData(new[] { 30, 20, 10 }, 2000, 3)]
    [InlineData(new[] { 120, 90, 61, 5 }, 300, 1)]
    [InlineData(new[] { 60, 30 }, 300, 1)]
    public void Decide_WithRestartsInWindow_RestartsAfterGrowingCappedDelay(int[] secondsAgo, int expectedMs, int inWindow)
    {
        var decision = RestartBackoff.Decide(Config, Ago(secondsAgo), Now);

        Assert.False(decision.GiveUp);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), decision.Delay);
        Assert.Equal(inWindow, decision.RestartsInWindow);
    }

    [Theory]
    [InlineData(new[] { 40, 30, 20, 10 })]
    [InlineData(new[] { 59, 50, 40, 30, 20, 10, 1 })]
    public void Decide_AtMaxRestartsWithinWindow_GivesUp(int[] secondsAgo)
    {
        var decision = RestartBackoff.Decide(Config, Ago(secondsAgo), Now);

        Assert.True(decision.GiveUp);
        Assert.Equal(secondsAgo.Length, decision.RestartsInWindow);
    }

    [Fact]
    public void Decide_WithZeroMaxRestarts_GivesUpOnFirstExit()
    {
        Assert.True(RestartBackoff.Decide(Config with { MaxRestarts = 0 }, [], Now).GiveUp);
    }

    [Fact]
    public void Decide_WithHugeExponent_CapsAtMaxDelay()
    {
        var config = Config with { MaxRestarts = 10_000, BackoffFactor = 10 };
        var restarts = Enumerable.Range(1, 5_000).Select(i => Now - TimeSpan.FromMilliseconds(i)).ToList();

        Assert.Equal(config.MaxDelay, RestartBackoff.Decide(config, restarts, Now).Delay);
    }

    private static List<DateTimeOffset> Ago(int[] seconds) => [.. seconds.Select(s => Now - TimeSpan.FromSeconds(s))];
}
