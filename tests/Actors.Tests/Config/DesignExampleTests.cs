using Orchestrator.Config;
using Xunit;

namespace Orchestrator.Actors.Tests.Config;

public sealed class DesignExampleTests
{
    private const string Example = """
        app = "ticket-server"

        [proxy]
        listen = "127.0.0.1:8182"
        health_path = "/ping"
        health_timeout = "30s"
        drain_timeout = "60s"
        stop_timeout = "10s"

        [[process]]
        id = "worker"
        policy = "companion"
        command = "python3 worker.py"
        graceful_stop = "30m"

        [[process]]
        id = "web"
        policy = "proxied"
        command = "python3 app.py --port {{port}}"
        cwd = "{{release_path}}"
        port = "18182-18299"
        env = { RELEASE = "{{revision}}" }
        health = { path = "/ping", interval = "250ms", start_delay = "0s", timeout = "30s" }
        restart = { max_restarts = 5, window = "60s", backoff_factor = 2, max_delay = "30s" }
        """;

    [Fact]
    public void Load_DesignExample_HasExactValues()
    {
        var config = ConfigAssert.Valid(Example);

        Assert.Equal("ticket-server", config.App);
        var proxy = config.Proxy!;
        Assert.Equal("127.0.0.1:8182", proxy.Listen);
        Assert.Empty(proxy.Hosts);
        Assert.Equal("/ping", proxy.HealthPath);
        Assert.Equal(TimeSpan.FromSeconds(30), proxy.HealthTimeout);
        Assert.Equal(TimeSpan.FromSeconds(60), proxy.DrainTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), proxy.StopTimeout);
        Assert.False(proxy.Affinity);
        Assert.Equal(Defaults.RetentionKeep, config.Retention.Keep);

        Assert.Equal(2, config.Processes.Length);
        var worker = config.Processes[0];
        Assert.Equal("worker", worker.Id);
        Assert.Equal(ProcessPolicy.Companion, worker.Policy);
        Assert.Equal("python3 worker.py", worker.Command);
        Assert.Null(worker.Cwd);
        Assert.Null(worker.Port);
        Assert.Empty(worker.Env);
        Assert.Null(worker.Health);
        Assert.Equal(new RestartConfig(), worker.Restart);
        Assert.Equal(TimeSpan.FromMinutes(30), worker.GracefulStop);

        var web = config.Processes[1];
        Assert.Same(web, config.Proxied);
        Assert.Equal("web", web.Id);
        Assert.Equal(ProcessPolicy.Proxied, web.Policy);
        Assert.Equal("python3 app.py --port {{port}}", web.Command);
        Assert.Equal("{{release_path}}", web.Cwd);
        Assert.Equal(new PortRange(18182, 18299), web.Port);
        Assert.Equal("{{revision}}", Assert.Single(web.Env, kv => kv.Key == "RELEASE").Value);
        Assert.Equal(
            new HealthConfig { Path = "/ping", Interval = TimeSpan.FromMilliseconds(250), StartDelay = TimeSpan.Zero, Timeout = TimeSpan.FromSeconds(30) },
            web.Health);
        Assert.Equal(
            new RestartConfig { MaxRestarts = 5, Window = TimeSpan.FromSeconds(60), BackoffFactor = 2, InitialDelay = Defaults.RestartInitialDelay, MaxDelay = TimeSpan.FromSeconds(30) },
            web.Restart);
        Assert.Equal(Defaults.GracefulStop, web.GracefulStop);
    }

    [Fact]
    public void Load_ProxiedWithoutHealthTable_FallsBackToProxyThenDefaults()
    {
        var config = ConfigAssert.Valid("""
            app = "shop"
            [proxy]
            listen = "*:8080"
            health_path = "/up"
            health_timeout = "5s"
            [[process]]
            id = "web"
            policy = "proxied"
            command = "serve {{port}}"
            port = 18300
            health = { interval = "1s" }
            """);

        var health = config.Proxied!.Health!;
        Assert.Equal("/up", health.Path);
        Assert.Equal(TimeSpan.FromSeconds(5), health.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(1), health.Interval);
        Assert.Equal(Defaults.HealthStartDelay, health.StartDelay);
        Assert.Equal(new PortRange(18300, 18300), config.Proxied.Port);
    }

    [Fact]
    public void Load_WorkersOnlyAppWithAllOptionalKeys_IsValid()
    {
        var config = ConfigAssert.Valid("""
            app = "jobs-2"
            [retention]
            keep = 3
            [[process]]
            id = "cache"
            policy = "service"
            command = "redis-server --port {{port}}"
            port = "18400"
            health = { path = "/health" }
            [[process]]
            id = "cron"
            policy = "singleton"
            command = "cron.sh {{ports.cache}} {{env.HOME}} {{app}} {{deployment_id}} {{process_id}}"
            env = { CACHE_URL = "redis://127.0.0.1:{{ports.cache}}" }
            """);

        Assert.Null(config.Proxy);
        Assert.Null(config.Proxied);
        Assert.Equal(3, config.Retention.Keep);
        Assert.Equal("/health", config.Processes[0].Health!.Path);
        Assert.Null(config.Processes[1].Health);
    }

    [Fact]
    public void Load_ProxyWithHostsAndAffinity_ReadsThem()
    {
        var config = ConfigAssert.Valid(ConfigAssert.WebApp.Replace(
            "listen = \"127.0.0.1:8182\"",
            "listen = \"[::1]:8182\"\nhosts = [\"Shop.example.com\", \"*.shop.example.com\"]\naffinity = true",
            StringComparison.Ordinal));

        Assert.Equal(["shop.example.com", "*.shop.example.com"], config.Proxy!.Hosts.ToArray());
        Assert.True(config.Proxy.Affinity);
        Assert.Equal("[::1]:8182", config.Proxy.Listen);
    }
}
