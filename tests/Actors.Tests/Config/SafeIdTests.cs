using Orchestrator.Actors.App;
using Orchestrator.Config;
using Xunit;

namespace Orchestrator.Actors.Tests.Config;

/// <summary>The one rule for ids that become actor names, directory names and Redis keys.</summary>
public sealed class SafeIdTests
{
    [Theory]
    [InlineData("web-250301-120509")]
    [InlineData("web-250301-120509-2")]
    [InlineData("Release_1.2.3")]
    [InlineData("a")]
    [InlineData("a..b")]
    public void IsValid_OnePathSegmentOfAsciiLettersDigitsAndSeparators_IsTrue(string id) => Assert.True(SafeId.IsValid(id));

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("a b")]
    [InlineData("a$b")]
    [InlineData("$a")]
    [InlineData("déploiement")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData(".hidden")]
    [InlineData("a\\b")]
    [InlineData("a\nb")]
    public void IsValid_AnythingElse_IsFalse(string id) => Assert.False(SafeId.IsValid(id));

    [Fact]
    public void IsValid_MoreThanTheMaximumLength_IsFalse()
    {
        Assert.True(SafeId.IsValid(new string('a', SafeId.MaxLength)));
        Assert.False(SafeId.IsValid(new string('a', SafeId.MaxLength + 1)));
    }

    [Fact]
    public void IsValid_TheDefaultDeploymentIdOfTheLongestAppName_IsTrue()
    {
        var app = "a" + new string('b', Identifier.MaxLength - 1);
        var state = AppState.Empty.Apply(new AppDeploymentStarted($"{app}-250301-120509", DateTimeOffset.UnixEpoch));

        var id = state.NextDeploymentId(app, new DateTimeOffset(2025, 3, 1, 12, 5, 9, TimeSpan.Zero));

        Assert.Equal($"{app}-250301-120509-2", id);
        Assert.True(SafeId.IsValid(id));
    }

    [Fact]
    public void Problem_NamesTheFieldTheValueAndTheAllowedCharacters()
    {
        var problem = SafeId.Problem("deploymentId", "a/b");

        Assert.NotNull(problem);
        Assert.Contains("deploymentId 'a/b'", problem);
        Assert.Contains(SafeId.Rule, problem);
        Assert.Null(SafeId.Problem("deploymentId", "web-1"));
    }
}
