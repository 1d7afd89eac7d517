using Xunit;

namespace Orchestrator.Actors.Tests.Config;

/// <summary>Each row breaks one rule of a valid file by replacing one piece of it.</summary>
public sealed class SingleRuleTests
{
    [Theory]
    // app
    [InlineData("app = \"shop\"", "", "app", "required")]
    [InlineData("app = \"shop\"", "app = \"Shop_1\"", "app", "not a valid app name")]
    [InlineData("app = \"shop\"", "app = \"1shop\"", "app", "starting with a letter")]
    [InlineData("app = \"shop\"", "app = \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"", "app", "at most 63")]
    [InlineData("app = \"shop\"", "app = 7", "app", "must be a string")]
    [InlineData("app = \"shop\"", "app = \"shop\"\nname = \"x\"", "name", "unknown key 'name'")]
    [InlineData("app = \"shop\"", "app = \"shop\"\nretention = { kep = 3 }", "retention.kep", "did you mean 'keep'?")]
    [InlineData("app = \"shop\"", "app = \"shop\"\nretention = { keep = 0 }", "retention.keep", "at least 1")]
    [InlineData("app = \"shop\"", "app = \"shop\"\nretention = { keep = \"5\" }", "retention.keep", "must be an integer")]
    [InlineData("app = \"shop\"", "app = \"shop\"\nplacement = { replicas = 0 }", "placement.replicas", "at least 1")]
    [InlineData("app = \"shop\"", "app = \"shop\"\nplacement = { replicas = 17 }", "placement.replicas", "at most 16")]
    [InlineData("app = \"shop\"", "app = \"shop\"\nplacement = { replica = 2 }", "placement.replica", "did you mean 'replicas'?")]
    [InlineData("app = \"shop\"", "app = \"shop\"\nplacement = { replicas = 2, role = \"router\" }", "placement.role", "only \"worker\" nodes host apps")]
    [InlineData("app = \"shop\"", "app = \"shop\"\nhooks = { pre_switch = \"bin/migrate\" }", "hooks.pre_switch", "must start with exec:")]
    [InlineData("app = \"shop\"", "app = \"shop\"\nhooks = { post_switch = \"exec: \" }", "hooks.post_switch", "needs a command")]
    [InlineData("app = \"shop\"", "app = \"shop\"\nhooks = { pre_switch = \"exec:migrate\", timeout = \"0s\" }", "hooks.timeout", "greater than zero")]
    [InlineData("app = \"shop\"", "app = \"shop\"\nhooks = { pre_swtich = \"exec:migrate\" }", "hooks.pre_swtich", "did you mean 'pre_switch'?")]
    [InlineData("app = \"shop\"", "app = \"shop\"\nshared_dirs = \"uploads\"", "shared_dirs", "must be an array of relative paths")]
    [InlineData("app = \"shop\"", "app = \"shop\"\nshared_dirs = [\"/var/data\"]", "shared_dirs[0]", "relative to the release path")]
    [InlineData("app = \"shop\"", "app = \"shop\"\nshared_dirs = [\"data/../etc\"]", "shared_dirs[0]", "must not contain '.', '..'")]
    [InlineData("app = \"shop\"", "app = \"shop\"\nshared_dirs = [\"uploads\", \"uploads/\"]", "shared_dirs[1]", "listed twice")]
    [InlineData("app = \"shop\"", "app = \"shop\"\nshared_dirs = [\"data\", \"data/workspace\"]", "shared_dirs[1]", "overlap")]
    [InlineData("app = \"shop\"", "app = \"shop\"\nshared_dirs = [7]", "shared_dirs[0]", "is not a path")]
    // proxy
    [InlineData("listen = \"127.0.0.1:8182\"", "", "proxy.listen", "required")]
    [InlineData("listen = \"127.0.0.1:8182\"", "listen = \"127.0.0.1\"", "proxy.listen", "no port")]
    [InlineData("listen = \"127.0.0.1:8182\"", "listen = \"127.0.0.1:70000\"", "proxy.listen", "not a port")]
    [InlineData("listen = \"127.0.0.1:8182\"", "listen = \"127.0.0.1:0\"", "proxy.listen", "not a port")]
    [InlineData("listen = \"127.0.0.1:8182\"", "listen = \"example.com:80\"", "proxy.listen", "not a listen host")]
    [InlineData("listen = \"127.0.0.1:8182\"", "listen = \"::1:80\"", "proxy.listen", "not a listen host")]
    [InlineData("listen = \"127.0.0.1:8182\"", "lisen = \"127.0.0.1:8182\"", "proxy.lisen", "did you mean 'listen'?")]
    [InlineData("[proxy]", "[proxy]\nhealth_path = \"ping\"", "proxy.health_path", "must start with '/'")]
    [InlineData("[proxy]", "[proxy]\nhealth_timeout = \"30\"", "proxy.health_timeout", "not a duration")]
    [InlineData("[proxy]", "[proxy]\nhealth_timeout = \"0s\"", "proxy.health_timeout", "greater than zero")]
    [InlineData("[proxy]", "[proxy]\ndrain_timeout = 60", "proxy.drain_timeout", "must be a duration string")]
    [InlineData("[proxy]", "[proxy]\nstop_timeout = \"-1s\"", "proxy.stop_timeout", "negative")]
    [InlineData("[proxy]", "[proxy]\naffinity = \"yes\"", "proxy.affinity", "true or false")]
    [InlineData("[proxy]", "[proxy]\nhosts = [\"bad host\"]", "proxy.hosts[0]", "not a host name")]
    [InlineData("[proxy]", "[proxy]\nhosts = \"shop.example.com\"", "proxy.hosts", "must be an array")]
    [InlineData("[proxy]\nlisten = \"127.0.0.1:8182\"", "", "proxy", "no [proxy] section")]
    // process
    [InlineData("id = \"web\"", "", "process[0].id", "required")]
    [InlineData("id = \"web\"", "id = \"Web\"", "process[0].id", "not a valid id")]
    [InlineData("policy = \"proxied\"", "", "process[0].policy", "required")]
    [InlineData("policy = \"proxied\"", "policy = \"proxyed\"", "process[0].policy", "did you mean 'proxied'?")]
    [InlineData("command = \"python3 app.py --port {{port}}\"", "", "process[0].command", "required")]
    [InlineData("command = \"python3 app.py --port {{port}}\"", "command = \"  \"", "process[0].command", "must not be empty")]
    [InlineData("id = \"web\"", "id = \"web\"\ncwd = \"\"", "process[0].cwd", "must not be empty")]
    [InlineData("port = \"18182-18299\"", "", "process[0].port", "needs a port range")]
    [InlineData("port = \"18182-18299\"", "port = \"18299-18182\"", "process[0].port", "reversed")]
    [InlineData("port = \"18182-18299\"", "port = \"80\"", "process[0].port", "between 1024 and 65535")]
    [InlineData("port = \"18182-18299\"", "port = 70000", "process[0].port", "between 1024 and 65535")]
    [InlineData("port = \"18182-18299\"", "port = \"web\"", "process[0].port", "not a port or a port range")]
    [InlineData("port = \"18182-18299\"", "port = true", "process[0].port", "must be a port")]
    [InlineData("id = \"web\"", "id = \"web\"\nenv = { RELEASE = 1 }", "process[0].env.RELEASE", "must be a string")]
    [InlineData("id = \"web\"", "id = \"web\"\nenv = { ORCH_APP = \"x\" }", "process[0].env.ORCH_APP", "reserved")]
    [InlineData("id = \"web\"", "id = \"web\"\nenv = { \"1BAD\" = \"x\" }", "process[0].env.1BAD", "not an environment variable name")]
    [InlineData("id = \"web\"", "id = \"web\"\nenv = \"A=1\"", "process[0].env", "must be a table")]
    [InlineData("id = \"web\"", "id = \"web\"\nhelth = { path = \"/\" }", "process[0].helth", "did you mean 'health'?")]
    [InlineData("id = \"web\"", "id = \"web\"\nhealth = { interval = \"0s\" }", "process[0].health.interval", "greater than zero")]
    [InlineData("id = \"web\"", "id = \"web\"\nhealth = { interval = \"fast\" }", "process[0].health.interval", "not a duration")]
    [InlineData("id = \"web\"", "id = \"web\"\nhealth = { pth = \"/\" }", "process[0].health.pth", "did you mean 'path'?")]
    [InlineData("id = \"web\"", "id = \"web\"\nhealth = { path = \"ping\" }", "process[0].health.path", "must start with '/'")]
    [InlineData("id = \"web\"", "id = \"web\"\nhealth = { timeout = \"1x\" }", "process[0].health.timeout", "not a duration")]
    [InlineData("id = \"web\"", "id = \"web\"\nhealth = { start_delay = \"-1s\" }", "process[0].health.start_delay", "negative")]
    [InlineData("id = \"web\"", "id = \"web\"\nrestart = { max_restarts = -1 }", "process[0].restart.max_restarts", "at least 0")]
    [InlineData("id = \"web\"", "id = \"web\"\nrestart = { backoff_factor = 0.5 }", "process[0].restart.backoff_factor", "at least 1")]
    [InlineData("id = \"web\"", "id = \"web\"\nrestart = { window = \"0s\" }", "process[0].restart.window", "greater than zero")]
    [InlineData("id = \"web\"", "id = \"web\"\nrestart = { initial_delay = \"10s\", max_delay = \"1s\" }", "process[0].restart.max_delay", "shorter than initial_delay")]
    [InlineData("id = \"web\"", "id = \"web\"\nrestart = { retries = 3 }", "process[0].restart.retries", "unknown key 'retries'")]
    [InlineData("id = \"web\"", "id = \"web\"\ngraceful_stop = \"soon\"", "process[0].graceful_stop", "not a duration")]
    // templates
    [InlineData("--port {{port}}", "--port {{prot}}", "process[0].command", "did you mean {{port}}?")]
    [InlineData("--port {{port}}", "--port {{ports.api}}", "process[0].command", "process 'api', which does not exist")]
    [InlineData("--port {{port}}", "--port {{port", "process[0].command", "never closed")]
    [InlineData("--port {{port}}", "--port {{port}} {{env.1X}}", "process[0].command", "not an environment variable name")]
    [InlineData("id = \"web\"", "id = \"web\"\ncwd = \"{{release}}\"", "process[0].cwd", "unknown template variable {{release}}")]
    [InlineData("id = \"web\"", "id = \"web\"\nenv = { X = \"{{nope}}\" }", "process[0].env.X", "unknown template variable {{nope}}")]
    public void Load_OneRuleBroken_ReportsItAtItsKey(string find, string replace, string key, string mention)
    {
        Assert.Contains(find, ConfigAssert.WebApp, StringComparison.Ordinal);
        ConfigAssert.Problem(ConfigAssert.WebApp.Replace(find, replace, StringComparison.Ordinal), key, mention);
    }

    [Fact]
    public void Load_UnknownTemplateVariable_ExampleShowsTheFixedTemplate()
    {
        var problem = ConfigAssert.Problem(
            ConfigAssert.WebApp.Replace("{{port}}", "{{prot}}", StringComparison.Ordinal), "process[0].command", "{{prot}}");

        Assert.Equal("command = \"python3 app.py --port {{port}}\"", problem.Example);
    }

    [Fact]
    public void Load_UnknownKey_ExampleIsTheSuggestedKeysExample()
    {
        var problem = ConfigAssert.Problem(
            ConfigAssert.WebApp + "\nhelth = { path = \"/\" }", "process[0].helth", "did you mean 'health'?");

        Assert.StartsWith("health = {", problem.Example, StringComparison.Ordinal);
    }
}
