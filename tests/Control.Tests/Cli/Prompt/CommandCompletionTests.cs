using Orchestrator.Cli;
using Orchestrator.Cli.Prompt;
using Xunit;

namespace Orchestrator.Control.Tests.Cli.Prompt;

public sealed class CommandCompletionTests
{
    private readonly CommandCompletion _completion = new(OrchCli.Root, ConsoleSession.ConsoleWords);

    [Theory]
    [InlineData("clu", 0, "cluster")]
    [InlineData("cluster s", 8, "show")]
    [InlineData("cluster down-u", 8, "down-unreachable")]
    [InlineData("deployments --js", 12, "--json")]
    [InlineData("con", 0, "connect")]
    public void Complete_APrefix_OffersTheVerbOrOption(string text, int start, string expected)
    {
        var (at, candidates) = _completion.Complete(text);

        Assert.Equal(start, at);
        Assert.Contains(expected, candidates);
        Assert.All(candidates, c => Assert.StartsWith(text[start..], c, StringComparison.Ordinal));
    }

    [Fact]
    public void Complete_TheClusterVerbs_OffersEveryOne()
    {
        var (_, candidates) = _completion.Complete("cluster ");

        Assert.Superset(new HashSet<string>(["show", "tail", "leave", "down", "down-unreachable", "join"]), new HashSet<string>(candidates));
    }

    [Fact]
    public void CommonPrefix_OfSeveral_IsWhatTheyShare() =>
        Assert.Equal("down", CommandCompletion.CommonPrefix(["down", "down-unreachable"]));
}
