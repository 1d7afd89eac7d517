using Orchestrator.Config;
using Xunit;

namespace Orchestrator.Actors.Tests.Config;

/// <summary><c>shared_dirs</c> of a Railway app: one dir, the volume of its one <c>service</c> process without a <c>volume</c>.</summary>
public sealed class RailwaySharedDirTests
{
    private const string RailwayApp = """
        app = "shop"
        shared_dirs = ["uploads"]

        [proxy]
        listen = "0.0.0.0:8080"

        [railway]
        workspace = "acme"
        project = "shop"
        environment = "production"
        image = "ghcr.io/acme/shop:1.4.2"
        """;

    private const string FilesService = """

        [[process]]
        id = "files"
        policy = "service"
        image = "ghcr.io/acme/shop-files:1"
        """;

    private const string DbService = """

        [[process]]
        id = "db"
        policy = "service"
        image = "postgres:16"
        volume = "/var/lib/postgresql/data"
        """;

    [Fact]
    public void Load_OneSharedDirAndOneServiceWithoutVolume_MountsItUnderAppOnThatService()
    {
        var config = ConfigAssert.Valid(RailwayApp + FilesService);

        var files = Assert.Single(config.Railway!.Services);
        Assert.Equal("/app/uploads", files.VolumeMountPath);
        Assert.Equal("uploads", files.SharedDir);
        Assert.Same(files, config.Railway.SharedDirService);
        Assert.Empty(config.SharedDirs); // nothing to link on a host: the daemon must not touch a release path for it
    }

    [Fact]
    public void Load_ServiceWithAbsoluteCwd_MountsTheSharedDirUnderIt()
    {
        var config = ConfigAssert.Valid(RailwayApp.Replace("[\"uploads\"]", "[\"data/workspace/\"]", StringComparison.Ordinal) + FilesService + "\ncwd = \"/srv/shop/\"");

        Assert.Equal("/srv/shop/data/workspace", Assert.Single(config.Railway!.Services).VolumeMountPath);
    }

    [Fact]
    public void Load_AServiceWithItsOwnVolumeBesideOneWithout_KeepsItsVolumeAndMapsTheOther()
    {
        var config = ConfigAssert.Valid(RailwayApp + DbService + FilesService);

        Assert.Equal(
            [("db", "/var/lib/postgresql/data", null), ("files", "/app/uploads", "uploads")],
            config.Railway!.Services.Select(s => (s.Id, s.VolumeMountPath, s.SharedDir)));
    }

    [Fact]
    public void Load_RailwayAppWithoutSharedDirs_HasNoSharedDirService()
    {
        var config = ConfigAssert.Valid(RailwayApp.Replace("shared_dirs = [\"uploads\"]\n", "", StringComparison.Ordinal) + FilesService);

        Assert.Null(config.Railway!.SharedDirService);
        Assert.Null(Assert.Single(config.Railway.Services).VolumeMountPath);
    }

    [Theory]
    [InlineData("[\"uploads\"]", "[\"uploads\", \"cache\"]", FilesService, "shared_dirs", "Railway mounts one volume per service: list one shared dir")]
    [InlineData("[\"uploads\"]", "[\"uploads\"]", "", "shared_dirs", "this app has none")]
    [InlineData("[\"uploads\"]", "[\"uploads\"]", DbService, "shared_dirs", "every one has its own (process[0] ('db') at /var/lib/postgresql/data)")]
    [InlineData("[\"uploads\"]", "[\"uploads\"]", FilesService + "\nvolume = \"/data\"", "shared_dirs", "every one has its own")]
    [InlineData("[\"uploads\"]", "[\"uploads\"]", FilesService + FilesService2, "shared_dirs", "2 have none (process[0] ('files'), process[1] ('files2'))")]
    [InlineData("[\"uploads\"]", "[\"/srv/uploads\"]", FilesService, "shared_dirs[0]", "must be relative")]
    [InlineData("[\"uploads\"]", "[\"uploads\"]", FilesService + "\ncwd = \"srv\"", "process[0].cwd", "must be an absolute path")]
    [InlineData("[\"uploads\"]", "[\"uploads\"]", FilesService + "\ncwd = \"{{release_path}}\"", "process[0].cwd", "without templates")]
    [InlineData("[\"uploads\"]", "[\"uploads\"]", FilesService + "\ncwd = \"/srv/{{port}}\"", "process[0].cwd", "no release path")]
    [InlineData("shared_dirs = [\"uploads\"]", "", FilesService + "\ncwd = \"/srv\"", "process[0].cwd", "the app has no shared_dirs")]
    [InlineData("[\"uploads\"]", "[\"uploads\"]", DbService + "\ncwd = \"/srv\"" + FilesService, "process[0].cwd", "process[1] ('files') holds it")]
    public void Load_OneRailwaySharedDirRuleBroken_ReportsItAtItsKey(string find, string replace, string processes, string key, string mention)
    {
        var toml = RailwayApp.Replace(find, replace, StringComparison.Ordinal) + processes;

        ConfigAssert.Problem(toml, key, mention);
    }

    [Fact]
    public void Load_SharedDirProblemAmongOthers_ReportsEveryOneAtOnce()
    {
        var toml = RailwayApp.Replace("[\"uploads\"]", "[\"uploads\", \"cache\"]", StringComparison.Ordinal) + "\nreplicas = 0" + FilesService + "\ncwd = \"srv\"";

        var result = AppConfigLoader.Load(toml, ConfigAssert.Source);

        Assert.Equal(["railway.replicas", "process[0].cwd", "shared_dirs"], result.Problems.Select(p => p.Key));
    }

    private const string FilesService2 = """

        [[process]]
        id = "files2"
        policy = "service"
        image = "ghcr.io/acme/shop-files:1"
        """;
}
