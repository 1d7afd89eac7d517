using Orchestrator.Config;
using Xunit;

namespace Orchestrator.Actors.Tests.Config;

/// <summary>What <c>orch railway deploy --image | --repo [--commit]</c> names, checked against the app and laid over its <c>[railway]</c>.</summary>
public sealed class RailwayReleaseTests
{
    private const string ImageApp = """
        app = "shop"

        [proxy]
        listen = "0.0.0.0:8080"

        [railway]
        workspace = "acme"
        project_id = "prj-1"
        environment = "production"
        image = "ghcr.io/acme/shop:1"
        """;

    private const string RepoApp = """
        app = "shop"

        [proxy]
        listen = "0.0.0.0:8080"

        [railway]
        workspace = "acme"
        project_id = "prj-1"
        environment = "production"
        repo = "acme/shop"
        branch = "main"
        """;

    private const string LocalApp = """
        app = "shop"

        [proxy]
        listen = "127.0.0.1:8080"

        [[process]]
        id = "web"
        policy = "proxied"
        command = "node server.js"
        port = "18182-18299"
        """;

    [Fact]
    public void From_NothingNamed_IsNull() => Assert.Null(RailwayRelease.From(null, null, null));

    [Fact]
    public void ApplyTo_AnImage_ReplacesTheConfigsImageAndTheProxiedCommand()
    {
        var config = new RailwayRelease("ghcr.io/acme/shop:2", null, null).ApplyTo(ConfigAssert.Valid(ImageApp));

        Assert.Equal("ghcr.io/acme/shop:2", config.Railway!.Image);
        Assert.Null(config.Railway.Repo);
        Assert.Equal("ghcr.io/acme/shop:2", config.Proxied!.Command);
    }

    [Fact]
    public void ApplyTo_AnImageOverARepoApp_DropsTheRepoAndItsBranch()
    {
        var config = new RailwayRelease("ghcr.io/acme/shop:2", null, null).ApplyTo(ConfigAssert.Valid(RepoApp));

        Assert.Equal("ghcr.io/acme/shop:2", config.Railway!.Image);
        Assert.Null(config.Railway.Repo);
        Assert.Null(config.Railway.Branch);
    }

    [Fact]
    public void ApplyTo_ACommitOfTheConfigsRepo_KeepsItsBranch_AndDescribesRepoAtCommit()
    {
        var release = new RailwayRelease(null, null, "abc1234");
        var config = release.ApplyTo(ConfigAssert.Valid(RepoApp));

        Assert.Null(release.Problem(ConfigAssert.Valid(RepoApp)));
        Assert.Equal("acme/shop", config.Railway!.Repo);
        Assert.Equal("main", config.Railway.Branch);
        Assert.Equal("acme/shop@abc1234", RailwayRelease.Describe(config.Railway, release));
    }

    [Fact]
    public void ApplyTo_AnotherRepo_HasNoBranch_SoRailwayBuildsItsDefault()
    {
        var config = new RailwayRelease(null, "acme/shop-next", null).ApplyTo(ConfigAssert.Valid(RepoApp));

        Assert.Equal("acme/shop-next", config.Railway!.Repo);
        Assert.Null(config.Railway.Branch);
    }

    [Theory]
    [InlineData("ghcr.io/acme/shop:2", "acme/shop", null, "pass --image or --repo, not both")]
    [InlineData("ghcr.io/acme shop", null, null, "is not an image reference")]
    [InlineData(null, "not a repo", null, "is not a GitHub repo: write it as owner/name")]
    [InlineData(null, null, "abc1234", "--commit applies to a repo")]
    [InlineData("ghcr.io/acme/shop:2", null, "abc1234", "--commit applies to a repo")]
    [InlineData(null, "acme/shop", "main", "is not a git commit")]
    public void Problem_OfAnImageApp_SaysWhatIsWrong(string? image, string? repo, string? commit, string expected)
    {
        var problem = new RailwayRelease(image, repo, commit).Problem(ConfigAssert.Valid(ImageApp));

        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_OfALocalApp_SaysItHasNoRailway()
    {
        var problem = new RailwayRelease("ghcr.io/acme/shop:2", null, null).Problem(ConfigAssert.Valid(LocalApp));

        Assert.Equal("--image, --repo, --commit and --keep-failed apply to apps that deploy to Railway, and app 'shop' has no [railway] in its orch.toml", problem);
    }
}
