using Orchestrator.Cli.Railway;
using Orchestrator.Config;
using Orchestrator.Railway.Auth;
using Xunit;

namespace Orchestrator.Control.Tests.Cli.Railway;

/// <summary>A Railway app's shared dir, from orch.toml to the baseline's volume and <c>orch railway status</c>.</summary>
public sealed class RailwaySharedDirPlanTests
{
    private static readonly RailwayConfig Shop = AppConfigLoader.Load("""
        app = "shop"
        shared_dirs = ["uploads"]

        [proxy]
        listen = "0.0.0.0:8080"

        [railway]
        workspace = "acme"
        project = "shop"
        environment = "production"
        image = "ghcr.io/acme/shop:1"

        [[process]]
        id = "files"
        policy = "service"
        image = "ghcr.io/acme/shop-files:1"
        cwd = "/srv/shop"
        """, "orch.toml").Config!.Railway!;

    [Fact]
    public void Build_gives_the_service_that_holds_the_shared_dir_its_volume_under_its_cwd()
    {
        var plan = BaselinePlan.Build(Shop, 8080, Secrets(), externalRedisUrl: null);

        Assert.Equal("/srv/shop/uploads", plan.Single(service => service.Name == "shop-files").VolumeMountPath);
    }

    [Fact]
    public void Status_report_names_the_shared_dir_its_service_and_mount_path()
    {
        Assert.Equal(new RailwaySharedDirReport("uploads", "shop-files", "/srv/shop/uploads"), RailwaySharedDirReport.Of(Shop));
        Assert.Null(RailwaySharedDirReport.Of(Shop with { Services = [Shop.Services[0] with { SharedDir = null }] }));
    }

    private static BaselineSecrets Secrets() => new(
        RailwayApiToken.Of(RailwayToken.Account("account-token-0123456789"), "account-token-0123456789"),
        new ControlToken("control-token-0123456789", ControlTokenOrigin.Generated),
        "redis-password");
}
