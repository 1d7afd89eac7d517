using Orchestrator.Cli.Railway;
using Orchestrator.Config;
using Orchestrator.Railway.Auth;
using Xunit;

namespace Orchestrator.Control.Tests.Cli.Railway;

public sealed class BaselinePlanTests
{
    private static readonly RailwayConfig Shop = new()
    {
        Workspace = new RailwayTarget("acme", null),
        Project = new RailwayTarget(null, "p-1"),
        Environment = new RailwayTarget("production", null),
        HealthcheckPath = "/ping",
        ServicePrefix = "shop",
        Services = [new RailwayServiceConfig("db", "postgres:16", null, "/data")],
    };

    [Fact]
    public void Names_with_an_external_Redis_leave_out_the_Redis_service()
    {
        Assert.Equal(["shop-env", "shop-redis", "shop-control", "shop-router", "shop-db"], BaselinePlan.Names(Shop, externalRedis: false));
        Assert.Equal(["shop-env", "shop-control", "shop-router", "shop-db"], BaselinePlan.Names(Shop, externalRedis: true));
    }

    [Fact]
    public void Build_with_an_external_Redis_gives_the_control_its_URL_instead_of_the_reference()
    {
        var plan = BaselinePlan.Build(Shop, 8080, Secrets(), externalRedisUrl: "rediss://default:pw@redis.example:6380");

        Assert.DoesNotContain(plan, service => service.Role == BaselineRole.Redis);
        Assert.Equal("rediss://default:pw@redis.example:6380", plan.Single(service => service.Role == BaselineRole.Control).Variables["REDIS_URL"]);
    }

    [Fact]
    public void Build_names_every_service_by_the_prefix_and_only_the_env_service_is_not_deployed()
    {
        var plan = BaselinePlan.Build(Shop, 9090, Secrets(), externalRedisUrl: null);

        Assert.Equal(BaselinePlan.Names(Shop, externalRedis: false), plan.Select(service => service.Name));
        Assert.Equal(["shop-env"], plan.Where(service => !service.Deployed).Select(service => service.Name));
        Assert.Equal("9090", plan.Single(service => service.Role == BaselineRole.Router).Variables["PORT"]);
        Assert.Equal(9090, plan.Single(service => service.Role == BaselineRole.Router).PublicPort);
        Assert.Equal("${{shop-redis.REDIS_URL}}", plan.Single(service => service.Role == BaselineRole.Control).Variables["REDIS_URL"]);
    }

    private static BaselineSecrets Secrets() => new(
        RailwayApiToken.Of(RailwayToken.Account("account-token-0123456789"), "account-token-0123456789"),
        new ControlToken("control-token-0123456789", ControlTokenOrigin.Generated),
        "redis-password");
}
