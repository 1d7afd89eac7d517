using Orchestrator.Actors.Deployment;
using Xunit;

namespace Orchestrator.Actors.Tests.Deployment;

public sealed class InstancePlacementChoiceTests
{
    private static readonly string[] Workers =
        [.. Enumerable.Range(1, 6).Select(n => $"akka.ssl.tcp://orch@127.0.0.1:{4050 + n}")];

    [Fact]
    public void Choose_NeverNamesAnExcludedNodeOrOneTwice()
    {
        var chosen = InstancePlacementChoice.Choose([.. Workers, Workers[2]], "shop", 5, new HashSet<string> { Workers[0] });

        Assert.Equal(5, chosen.Count);
        Assert.DoesNotContain(Workers[0], chosen);
        Assert.Equal(chosen.Count, chosen.Distinct().Count());
    }

    [Fact]
    public void Choose_GivesAnAppTheSameNodesWhateverTheOrderOfTheMembers()
    {
        var first = InstancePlacementChoice.Choose(Workers, "shop", 2, new HashSet<string>());
        var again = InstancePlacementChoice.Choose(Workers.Reverse(), "shop", 2, new HashSet<string>());

        Assert.Equal(first, again);
    }

    [Fact]
    public void Choose_SpreadsAppsOverTheCluster()
    {
        var firstChoices = Enumerable.Range(0, 60)
            .Select(n => InstancePlacementChoice.Choose(Workers, $"app-{n}", 1, new HashSet<string>())[0])
            .ToHashSet();

        Assert.True(firstChoices.Count >= 4, $"60 apps chose only {firstChoices.Count} of 6 nodes first");
    }

    [Fact]
    public void Choose_WithFewerCandidatesThanAskedFor_ReturnsWhatThereIs()
    {
        Assert.Single(InstancePlacementChoice.Choose(Workers[..2], "shop", 3, new HashSet<string> { Workers[1] }));
    }
}
