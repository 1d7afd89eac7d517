using Xunit;

namespace Orchestrator.Actors.Tests.Config;

public sealed class CrossProcessRuleTests
{
    private const string Worker = """

        [[process]]
        id = "worker"
        policy = "companion"
        command = "python3 worker.py"
        """;

    [Fact]
    public void Load_TwoProxiedProcesses_ReportsTheSecond() =>
        ConfigAssert.Problem(
            ConfigAssert.WebApp + ConfigAssert.WebApp[ConfigAssert.WebApp.IndexOf("\n[[process]]", StringComparison.Ordinal)..].Replace("\"web\"", "\"api\"", StringComparison.Ordinal),
            "process[1].policy",
            "at most one proxied process");

    [Fact]
    public void Load_DuplicateIds_ReportsTheSecond() =>
        ConfigAssert.Problem(ConfigAssert.WebApp + Worker.Replace("\"worker\"", "\"web\"", StringComparison.Ordinal), "process[1].id", "duplicate id 'web'");

    [Fact]
    public void Load_ProxyWithoutProxiedProcess_ReportsProxy() =>
        ConfigAssert.Problem("app = \"jobs\"\n[proxy]\nlisten = \"127.0.0.1:8182\"\n" + Worker, "proxy", "has none");

    [Fact]
    public void Load_NoProcess_ReportsProcess() =>
        ConfigAssert.Problem("app = \"jobs\"\n", "process", "at least one [[process]]");

    [Fact]
    public void Load_ProcessAsSingleTable_ReportsProcess() =>
        ConfigAssert.Problem("app = \"jobs\"\n[process]\nid = \"worker\"\n", "process", "array of tables");

    [Fact]
    public void Load_HealthOnCompanion_ReportsHealth() =>
        ConfigAssert.Problem("app = \"jobs\"\n" + Worker + "\nhealth = { path = \"/\" }", "process[0].health", "not health-checked");

    [Fact]
    public void Load_HealthOnServiceWithoutPort_ReportsHealth() =>
        ConfigAssert.Problem(
            "app = \"jobs\"\n" + Worker.Replace("companion", "service", StringComparison.Ordinal) + "\nhealth = { path = \"/\" }",
            "process[0].health",
            "only health-checked when it has a port");

    [Fact]
    public void Load_PortTemplateInProcessWithoutPort_ReportsIt() =>
        ConfigAssert.Problem(
            "app = \"jobs\"\n" + Worker.Replace("worker.py", "worker.py {{port}}", StringComparison.Ordinal),
            "process[0].command",
            "has no port");

    [Fact]
    public void Load_PortsTemplateNamingProcessWithoutPort_ReportsIt() =>
        ConfigAssert.Problem(
            ConfigAssert.WebApp.Replace("{{port}}", "{{port}} --worker {{ports.worker}}", StringComparison.Ordinal) + Worker,
            "process[0].command",
            "process 'worker', which has no port");

    [Fact]
    public void Load_PortsTemplateWithTypo_SuggestsTheId() =>
        ConfigAssert.Problem(
            ConfigAssert.WebApp + Worker.Replace("worker.py", "worker.py {{ports.wbe}}", StringComparison.Ordinal),
            "process[1].command",
            "did you mean 'web'?");
}
