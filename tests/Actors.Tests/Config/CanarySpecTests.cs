using Orchestrator.Config;
using Xunit;

namespace Orchestrator.Actors.Tests.Config;

public sealed class CanarySpecTests
{
    [Theory]
    [InlineData("1%", 1)]
    [InlineData("20%", 20)]
    [InlineData("99%", 99)]
    public void Parse_Percentage_GivesThatShare(string text, int percent)
    {
        var spec = CanarySpec.Parse(text, out var error);

        Assert.Null(error);
        Assert.Equal(new CanarySpec(percent, null, null), spec);
        Assert.Equal(text, spec!.ToString());
    }

    [Fact]
    public void Parse_CookieRule_GivesNameAndValue()
    {
        var spec = CanarySpec.Parse("cookie:beta=on=1", out var error);

        Assert.Null(error);
        Assert.Equal(new CanarySpec(0, "beta", "on=1"), spec);
        Assert.True(spec!.ByCookie);
        Assert.Equal("cookie:beta=on=1", spec.ToString());
    }

    [Theory]
    [InlineData("0%", "1% to 99%")]
    [InlineData("100%", "1% to 99%")]
    [InlineData("101%", "1% to 99%")]
    [InlineData("-5%", "neither a percentage nor a cookie rule")]
    [InlineData("20", "neither a percentage nor a cookie rule")]
    [InlineData("abc", "neither a percentage nor a cookie rule")]
    [InlineData("", "neither a percentage nor a cookie rule")]
    [InlineData("cookie:beta", "name the cookie and its value")]
    [InlineData("cookie:=1", "name the cookie and its value")]
    [InlineData("cookie:beta=", "name the cookie and its value")]
    [InlineData("cookie:be ta=1", "is not a cookie name")]
    [InlineData("cookie:beta=a;b", "is not a cookie value")]
    public void Parse_BadRule_SaysWhatIsWrong(string text, string expected)
    {
        var spec = CanarySpec.Parse(text, out var error);

        Assert.Null(spec);
        Assert.Contains(expected, error);
        Assert.StartsWith("--canary", error);
    }
}
