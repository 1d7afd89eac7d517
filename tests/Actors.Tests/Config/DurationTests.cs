using Orchestrator.Config;
using Xunit;

namespace Orchestrator.Actors.Tests.Config;

public sealed class DurationTests
{
    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("30s", 30_000)]
    [InlineData("10m", 600_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("2h0m5s", 7_205_000)]
    [InlineData("1m500ms", 60_500)]
    [InlineData("0s", 0)]
    [InlineData("0ms", 0)]
    [InlineData("1.5s", 1_500)]
    [InlineData("0.25h", 900_000)]
    [InlineData("48h", 172_800_000)]
    [InlineData("2562047h", 9_223_369_200_000)]
    public void TryParse_ValidDuration_ReturnsIt(string text, long milliseconds)
    {
        Assert.True(Duration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("-5s")]
    [InlineData("5 s")]
    [InlineData(" 5s")]
    [InlineData("5S")]
    [InlineData("s")]
    [InlineData("1h30")]
    [InlineData("abc")]
    [InlineData("1.2.3s")]
    [InlineData(".s")]
    [InlineData("5d")]
    [InlineData("5sec")]
    [InlineData("99999999999999999999h")]
    [InlineData("9999999999999999999999999999h")]
    [InlineData("256204779h")]
    public void TryParse_InvalidDuration_ReturnsFalse(string? text) =>
        Assert.False(Duration.TryParse(text, out _));

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(250, "250ms")]
    [InlineData(1_000, "1s")]
    [InlineData(1_500, "1.5s")]
    [InlineData(1_025, "1.025s")]
    [InlineData(60_000, "1m")]
    [InlineData(90_000, "1m30s")]
    [InlineData(5_400_000, "1h30m")]
    [InlineData(3_600_250, "1h250ms")]
    [InlineData(3_725_250, "1h2m5.25s")]
    [InlineData(172_800_000, "48h")]
    [InlineData(-30_000, "-30s")]
    public void Format_Duration_IsShortestForm(long milliseconds, string expected) =>
        Assert.Equal(expected, Duration.Format(TimeSpan.FromMilliseconds(milliseconds)));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(999)]
    [InlineData(61_001)]
    [InlineData(86_399_999)]
    public void Format_ThenTryParse_RoundTrips(long milliseconds)
    {
        var value = TimeSpan.FromMilliseconds(milliseconds);
        Assert.True(Duration.TryParse(Duration.Format(value), out var parsed));
        Assert.Equal(value, parsed);
    }
}
