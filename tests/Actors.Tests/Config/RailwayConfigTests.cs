using Orchestrator.Config;
using Xunit;

namespace Orchestrator.Actors.Tests.Config;

public sealed class RailwayConfigTests
{
    /// <summary>A valid Railway app to extend: lines appended to it land in <c>[railway]</c>.</summary>
    private const string RailwayApp = """
        app = "shop"

        [proxy]
        listen = "0.0.0.0:8080"

        [railway]
        workspace = "acme"
        project = "shop"
        environment = "production"
        image = "ghcr.io/acme/shop:1.4.2"
        """;

    private const string DataService = """

        [[process]]
        id = "db"
        policy = "service"
        image = "postgres:16"
        """;

    [Fact]
    public void Load_MinimalRailwayApp_SynthesizesTheProxiedProcessWithDefaults()
    {
        var config = ConfigAssert.Valid(RailwayApp);

        var railway = config.Railway!;
        Assert.Equal(new RailwayTarget("acme", null), railway.Workspace);
        Assert.Equal(new RailwayTarget("shop", null), railway.Project);
        Assert.Equal(new RailwayTarget("production", null), railway.Environment);
        Assert.Equal("ghcr.io/acme/shop:1.4.2", railway.Image);
        Assert.Null(railway.Repo);
        Assert.Null(railway.Branch);
        Assert.Equal(Defaults.RailwayReplicas, railway.Replicas);
        Assert.Null(railway.Region);
        Assert.Equal(Defaults.HealthPath, railway.HealthcheckPath);
        Assert.Equal(Defaults.RailwayHealthcheckTimeout, railway.HealthcheckTimeout);
        Assert.Equal(RailwayRestartPolicy.OnFailure, railway.RestartPolicy);
        Assert.Equal(Defaults.RailwayMaxRetries, railway.MaxRetries);
        Assert.Null(railway.StartCommand);
        Assert.Equal(Defaults.RailwayPort, railway.Port);
        Assert.Equal(Defaults.RailwayRouterImage, railway.RouterImage);
        Assert.Equal(Defaults.RailwayControlImage, railway.ControlImage);
        Assert.Equal("shop", railway.ServicePrefix);
        Assert.Null(railway.ApiUrl);
        Assert.Empty(railway.Services);

        var web = Assert.Single(config.Processes);
        Assert.Same(web, config.Proxied);
        Assert.Equal(RailwayConfig.ProxiedProcessId, web.Id);
        Assert.Equal(ProcessPolicy.Proxied, web.Policy);
        Assert.Equal("ghcr.io/acme/shop:1.4.2", web.Command);
        Assert.Equal(new PortRange(Defaults.RailwayPort, Defaults.RailwayPort), web.Port);
        Assert.Equal(new HealthConfig { Path = Defaults.HealthPath, Timeout = Defaults.RailwayHealthcheckTimeout }, web.Health);
        Assert.Equal("0.0.0.0:8080", config.Proxy!.Listen);
    }

    [Fact]
    public void Load_RailwayAppWithEveryKey_HasExactValues()
    {
        var config = ConfigAssert.Valid("""
            app = "shop"
            [proxy]
            listen = "0.0.0.0:8080"
            health_path = "/up"
            [railway]
            workspace_id = "w-1"
            project_id = "p-1"
            environment_id = "e-1"
            repo = "acme/shop"
            branch = "main"
            replicas = 3
            region = "europe-west4-drams3a"
            healthcheck_path = "/ready"
            healthcheck_timeout = "90s"
            restart_policy = "on_failure"
            max_retries = 0
            start_command = "node server.js"
            port = 3000
            router_image = "registry.example.com/router:2"
            control_image = "registry.example.com/control:2"
            service_prefix = "shop-eu"
            api_url = "http://127.0.0.1:4000/graphql/v2"
            """);

        var railway = config.Railway!;
        Assert.Equal(new RailwayTarget(null, "w-1"), railway.Workspace);
        Assert.Equal(new RailwayTarget(null, "p-1"), railway.Project);
        Assert.Equal(new RailwayTarget(null, "e-1"), railway.Environment);
        Assert.Null(railway.Image);
        Assert.Equal("acme/shop", railway.Repo);
        Assert.Equal("main", railway.Branch);
        Assert.Equal(3, railway.Replicas);
        Assert.Equal("europe-west4-drams3a", railway.Region);
        Assert.Equal("/ready", railway.HealthcheckPath);
        Assert.Equal(TimeSpan.FromSeconds(90), railway.HealthcheckTimeout);
        Assert.Equal(0, railway.MaxRetries);
        Assert.Equal("node server.js", railway.StartCommand);
        Assert.Equal(3000, railway.Port);
        Assert.Equal("registry.example.com/router:2", railway.RouterImage);
        Assert.Equal("registry.example.com/control:2", railway.ControlImage);
        Assert.Equal("shop-eu-router", railway.RouterServiceName);
        Assert.Equal("http://127.0.0.1:4000/graphql/v2", railway.ApiUrl);

        var web = config.Proxied!;
        Assert.Equal("acme/shop", web.Command);
        Assert.Equal(new PortRange(3000, 3000), web.Port);
        Assert.Equal("/ready", web.Health!.Path);
        Assert.Equal(TimeSpan.FromSeconds(90), web.Health.Timeout);
    }

    [Fact]
    public void Load_NoHealthcheckPath_TakesTheProxysHealthPath()
    {
        var config = ConfigAssert.Valid(RailwayApp.Replace("listen = \"0.0.0.0:8080\"", "listen = \"0.0.0.0:8080\"\nhealth_path = \"/ping\"", StringComparison.Ordinal));

        Assert.Equal("/ping", config.Railway!.HealthcheckPath);
        Assert.Equal("/ping", config.Proxied!.Health!.Path);
    }

    [Fact]
    public void Load_NeitherImageNorRepo_LeavesTheImageToTheCommandLine()
    {
        var config = ConfigAssert.Valid(RailwayApp.Replace("image = \"ghcr.io/acme/shop:1.4.2\"", "", StringComparison.Ordinal));

        Assert.Null(config.Railway!.Image);
        Assert.Null(config.Railway.Repo);
        Assert.Equal(RailwayConfig.ImageFromCommandLine, config.Proxied!.Command);
    }

    [Theory]
    [InlineData("always", RailwayRestartPolicy.Always)]
    [InlineData("NEVER", RailwayRestartPolicy.Never)]
    [InlineData("ON_FAILURE", RailwayRestartPolicy.OnFailure)]
    public void Load_RestartPolicyInEitherSpelling_IsAccepted(string text, RailwayRestartPolicy expected)
    {
        var config = ConfigAssert.Valid(RailwayApp + $"\nrestart_policy = \"{text}\"");

        Assert.Equal(expected, config.Railway!.RestartPolicy);
    }

    [Fact]
    public void Load_ServiceProcessWithVolume_IsABaselineServiceNotALocalProcess()
    {
        var config = ConfigAssert.Valid(RailwayApp + DataService + "\ncommand = \"postgres -c fsync=on\"\nvolume = \"/var/lib/postgresql/data\"");

        var db = Assert.Single(config.Railway!.Services);
        Assert.Equal(new RailwayServiceConfig("db", "postgres:16", "postgres -c fsync=on", "/var/lib/postgresql/data"), db);
        Assert.Equal(RailwayConfig.ProxiedProcessId, Assert.Single(config.Processes).Id);
    }

    [Fact]
    public void Load_RailwayExample_IsValid()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Examples", "railway", "orch.toml");

        var config = ConfigAssert.Valid(File.ReadAllText(path));

        Assert.Equal("ghcr.io/acme/shop:1.4.2", config.Proxied!.Command);
        Assert.Equal("/var/lib/postgresql/data", Assert.Single(config.Railway!.Services).VolumeMountPath);
    }

    [Theory]
    // target
    [InlineData("workspace = \"acme\"", "", "railway.workspace", "'workspace' or its id as 'workspace_id'")]
    [InlineData("project = \"shop\"", "", "railway.project", "the project is required")]
    [InlineData("environment = \"production\"", "", "railway.environment", "the environment is required")]
    [InlineData("project = \"shop\"", "project = \"shop\"\nproject_id = \"p-1\"", "railway.project", "'project' and 'project_id' both")]
    [InlineData("environment = \"production\"", "environment_id = \"\"", "railway.environment_id", "must not be empty")]
    [InlineData("workspace = \"acme\"", "workspace = 7", "railway.workspace", "must be a string")]
    // source
    [InlineData("image = \"ghcr.io/acme/shop:1.4.2\"", "image = \"ghcr.io/acme/shop:1.4.2\"\nrepo = \"acme/shop\"\nbranch = \"main\"", "railway.repo", "not both")]
    [InlineData("image = \"ghcr.io/acme/shop:1.4.2\"", "repo = \"acme/shop\"", "railway.branch", "'branch' is required with 'repo'")]
    [InlineData("image = \"ghcr.io/acme/shop:1.4.2\"", "repo = \"shop\"\nbranch = \"main\"", "railway.repo", "\"owner/name\"")]
    [InlineData("image = \"ghcr.io/acme/shop:1.4.2\"", "image = \"ghcr.io/acme/shop:1.4.2\"\nbranch = \"main\"", "railway.branch", "only applies with 'repo'")]
    [InlineData("image = \"ghcr.io/acme/shop:1.4.2\"", "image = \"my shop\"", "railway.image", "not an image reference")]
    // per-deployment settings
    [InlineData("", "replicas = 0", "railway.replicas", "at least 1")]
    [InlineData("", "replicas = 51", "railway.replicas", "at most 50")]
    [InlineData("", "region = \"\"", "railway.region", "must not be empty")]
    [InlineData("", "healthcheck_path = \"ready\"", "railway.healthcheck_path", "must start with '/'")]
    [InlineData("", "healthcheck_timeout = \"0s\"", "railway.healthcheck_timeout", "greater than zero")]
    [InlineData("", "healthcheck_timeout = 300", "railway.healthcheck_timeout", "must be a duration string")]
    [InlineData("", "restart_policy = \"on-failure\"", "railway.restart_policy", "did you mean 'on_failure'?")]
    [InlineData("", "restart_policy = \"On_Failure\"", "railway.restart_policy", "unknown restart policy")]
    [InlineData("", "max_retries = -1", "railway.max_retries", "at least 0")]
    [InlineData("", "restart_policy = \"always\"\nmax_retries = 3", "railway.max_retries", "only applies with restart_policy = \"on_failure\"")]
    [InlineData("", "start_command = \" \"", "railway.start_command", "must not be empty")]
    [InlineData("", "port = 0", "railway.port", "at least 1")]
    [InlineData("", "port = 65536", "railway.port", "at most 65535")]
    // services and the API
    [InlineData("", "router_image = \"\"", "railway.router_image", "must not be empty")]
    [InlineData("", "service_prefix = \"Shop_EU\"", "railway.service_prefix", "not a valid service prefix")]
    [InlineData("", "service_prefix = \"a-service-prefix-of-thirty-three-c\"", "railway.service_prefix", "at most 32")]
    [InlineData("app = \"shop\"", "app = \"a-very-long-app-name-of-forty-characters\"", "railway.service_prefix", "defaults to the app name")]
    [InlineData("", "api_url = \"backboard.railway.com/graphql/v2\"", "railway.api_url", "absolute http or https URL")]
    [InlineData("", "api_url = \"ftp://backboard.railway.com/graphql/v2\"", "railway.api_url", "absolute http or https URL")]
    [InlineData("", "volume = \"/data\"", "railway.volume", "overlapSeconds = 0")]
    [InlineData("", "replica = 2", "railway.replica", "did you mean 'replicas'?")]
    // the app around it
    [InlineData("[proxy]\nlisten = \"0.0.0.0:8080\"", "", "proxy", "a Railway app needs [proxy]")]
    public void Load_OneRailwayRuleBroken_ReportsItAtItsKey(string find, string replace, string key, string mention)
    {
        var toml = find.Length == 0 ? RailwayApp + "\n" + replace : RailwayApp.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(RailwayApp, toml);

        ConfigAssert.Problem(toml, key, mention);
    }

    [Theory]
    [InlineData("policy = \"service\"", "policy = \"proxied\"\ncommand = \"node server.js\"\nport = \"18000\"", "process[0].policy", "a Railway deployment is one service")]
    [InlineData("policy = \"service\"", "policy = \"companion\"", "process[0].policy", "bake it into the deployment's image")]
    [InlineData("image = \"postgres:16\"", "", "process[0].image", "'image' is required")]
    [InlineData("image = \"postgres:16\"", "image = \"postgres:16\"\nvolume = \"data\"", "process[0].volume", "must start with '/'")]
    [InlineData("image = \"postgres:16\"", "image = \"postgres:16\"\nport = \"18300\"", "process[0].port", "does not apply to a service of a Railway app")]
    [InlineData("image = \"postgres:16\"", "image = \"postgres:16\"\nenv = { A = \"1\" }", "process[0].env", "does not apply")]
    [InlineData("id = \"db\"", "id = \"router\"", "process[0].id", "taken on Railway by the app's own router service")]
    [InlineData("id = \"db\"", "id = \"web\"", "process[0].id", "by the app's own deployment")]
    [InlineData("image = \"postgres:16\"", "image = \"postgres:16\"\nvolum = \"/data\"", "process[0].volum", "did you mean 'volume'?")]
    public void Load_OneRailwayProcessRuleBroken_ReportsItAtItsKey(string find, string replace, string key, string mention)
    {
        Assert.Contains(find, DataService, StringComparison.Ordinal);

        ConfigAssert.Problem(RailwayApp + DataService.Replace(find, replace, StringComparison.Ordinal), key, mention);
    }

    [Fact]
    public void Load_DuplicateServiceIds_ReportsTheSecond()
    {
        ConfigAssert.Problem(RailwayApp + DataService + DataService, "process[1].id", "duplicate id 'db'");
    }

    [Theory]
    [InlineData("image")]
    [InlineData("volume")]
    public void Load_RailwayProcessKeyOnALocalApp_IsOnlyForRailway(string key)
    {
        ConfigAssert.Problem(ConfigAssert.WebApp + $"\n{key} = \"/x\"", $"process[0].{key}", "only for a service process of a Railway app");
    }

    [Fact]
    public void Load_UnknownRailwayKey_ExampleIsTheSuggestedKeysExample()
    {
        var problem = ConfigAssert.Problem(RailwayApp + "\nhealthcheck_pth = \"/ping\"", "railway.healthcheck_pth", "did you mean 'healthcheck_path'?");

        Assert.Equal("healthcheck_path = \"/ping\"", problem.Example);
    }

    [Fact]
    public void Load_RailwayAppWithManyMistakes_ReportsEveryOneAtOnce()
    {
        var result = AppConfigLoader.Load("""
            app = "shop"
            [railway]
            workspace = "acme"
            workspace_id = "w-1"
            environment = "production"
            image = "ghcr.io/acme/shop:1"
            repo = "acme/shop"
            replicas = 0
            restart_policy = "sometimes"
            volume = "/data"
            [[process]]
            id = "worker"
            policy = "companion"
            command = "node worker.js"
            """, ConfigAssert.Source);

        Assert.Null(result.Config);
        Assert.Equal(
            ["railway.workspace", "railway.project", "railway.repo", "railway.restart_policy", "railway.volume", "railway.replicas", "proxy", "process[0].policy"],
            result.Problems.Select(p => p.Key));
    }
}
