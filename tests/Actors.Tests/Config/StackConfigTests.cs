using Orchestrator.Config;
using Xunit;

namespace Orchestrator.Actors.Tests.Config;

/// <summary>A four-app stack, read from an in-memory tree of files, broken one rule at a time.</summary>
public sealed class StackConfigTests
{
    private const string StackPath = "/srv/planexe/orch.stack.toml";

    private const string Stack = """
        stack = "planexe"

        [[app]]
        config = "worker_plan/orch.toml"

        [[app]]
        config = "worker_plan_database/orch.toml"
        depends_on = ["worker-plan"]

        [[app]]
        config = "mcp_cloud/orch.toml"
        depends_on = ["worker-plan-database"]

        [[app]]
        config = "frontend/orch.toml"
        depends_on = ["worker-plan-database"]
        """;

    private static readonly Dictionary<string, string> Files = new()
    {
        ["/srv/planexe/worker_plan/orch.toml"] = App("worker-plan", 8001),
        ["/srv/planexe/worker_plan_database/orch.toml"] = App("worker-plan-database", 8002),
        ["/srv/planexe/mcp_cloud/orch.toml"] = App("mcp-cloud", 8003),
        ["/srv/planexe/frontend/orch.toml"] = App("frontend", 8004),
    };

    [Fact]
    public void Load_FourApps_NamesEachByItsConfigAndOrdersThemAfterTheirDependencies()
    {
        var stack = Valid(Stack);

        Assert.Equal("planexe", stack.Stack);
        Assert.Equal(["worker-plan", "worker-plan-database", "mcp-cloud", "frontend"], stack.Apps.Select(a => a.App));
        Assert.Equal("worker_plan_database", stack.Apps[1].Directory);
        Assert.Equal("/srv/planexe/worker_plan_database/orch.toml", stack.Apps[1].ConfigPath);
        Assert.Equal<string>(["worker-plan-database"], stack.Apps[3].DependsOn);
    }

    [Theory]
    [InlineData("stack = \"planexe\"", "", "stack", "required")]
    [InlineData("stack = \"planexe\"", "stack = \"PlanExe\"", "stack", "not a valid stack name")]
    [InlineData("stack = \"planexe\"", "stack = \"planexe\"\nname = \"x\"", "name", "unknown key 'name'")]
    [InlineData("config = \"frontend/orch.toml\"", "config = \"frontend/orch.toml\"\ndepend_on = []", "app[3].depend_on", "did you mean 'depends_on'?")]
    [InlineData("config = \"frontend/orch.toml\"", "confg = \"frontend/orch.toml\"", "app[3].config", "required")]
    [InlineData("config = \"frontend/orch.toml\"", "config = \"front/orch.toml\"", "app[3].config", "does not exist")]
    [InlineData("config = \"frontend/orch.toml\"", "config = \"../elsewhere/orch.toml\"", "app[3].config", "outside the stack file's directory")]
    [InlineData("config = \"frontend/orch.toml\"", "config = 3", "app[3].config", "must be a string")]
    [InlineData("config = \"frontend/orch.toml\"", "config = \"mcp_cloud/orch.toml\"", "app[3].config", "listed more than once")]
    [InlineData("depends_on = [\"worker-plan\"]", "depends_on = [\"worker_plan\"]", "app[1].depends_on[0]", "unknown app 'worker_plan'")]
    [InlineData("depends_on = [\"worker-plan\"]", "depends_on = \"worker-plan\"", "app[1].depends_on", "must be an array")]
    [InlineData("depends_on = [\"worker-plan\"]", "depends_on = [1]", "app[1].depends_on[0]", "must be an app name")]
    public void Load_OneRuleBroken_ReportsItAtItsKey(string original, string replacement, string key, string mention) =>
        Problem(Replace(original, replacement), key, mention);

    [Fact]
    public void Load_NoApps_IsAProblem() => Problem("stack = \"planexe\"\n", "app", "at least one [[app]]");

    [Fact]
    public void Load_Cycle_NamesEveryAppOfIt()
    {
        var toml = Stack.Replace("config = \"worker_plan/orch.toml\"", "config = \"worker_plan/orch.toml\"\ndepends_on = [\"mcp-cloud\"]");

        var problem = Problem(toml, "app[0].depends_on", "dependency cycle");

        Assert.Contains("worker-plan → mcp-cloud → worker-plan-database → worker-plan", problem.Problem);
    }

    [Fact]
    public void Load_AppDependingOnItself_IsACycle() =>
        Problem(Replace("depends_on = [\"worker-plan\"]", "depends_on = [\"worker-plan-database\"]"), "app[1].depends_on", "worker-plan-database → worker-plan-database");

    [Fact]
    public void Load_TwoAppsOnOneListenAddress_NamesBoth()
    {
        var files = new Dictionary<string, string>(Files) { ["/srv/planexe/frontend/orch.toml"] = App("frontend", 8003) };

        var problem = Problem(Stack, "frontend/orch.toml: proxy.listen", "'mcp-cloud' and 'frontend' both listen on 127.0.0.1:8003", files);

        Assert.Contains("own listen address", problem.Example);
    }

    [Fact]
    public void Load_TwoAppsOnOneListenerWithDistinctHosts_IsValid()
    {
        var files = new Dictionary<string, string>(Files)
        {
            ["/srv/planexe/mcp_cloud/orch.toml"] = App("mcp-cloud", 8003).Replace("[proxy]", "[proxy]\nhosts = [\"mcp.example.com\"]"),
            ["/srv/planexe/frontend/orch.toml"] = App("frontend", 8003).Replace("[proxy]", "[proxy]\nhosts = [\"www.example.com\"]"),
        };

        Assert.True(StackConfigLoader.Load(Stack, StackPath, files.GetValueOrDefault).IsValid);
    }

    [Fact]
    public void Load_ProblemsEverywhere_ReportsThemAllAtOnce()
    {
        var files = new Dictionary<string, string>(Files)
        {
            ["/srv/planexe/mcp_cloud/orch.toml"] = App("mcp-cloud", 8003).Replace("policy = \"proxied\"", "policy = \"proxy\""),
        };
        var toml = Replace("depends_on = [\"worker-plan\"]", "depends_on = [\"nobody\"]")
            .Replace("config = \"worker_plan/orch.toml\"", "config = \"worker_plan/orch.toml\"\ndepends_on = [\"worker-plan\"]");

        var result = StackConfigLoader.Load(toml, StackPath, files.GetValueOrDefault);

        Assert.Null(result.Config);
        Assert.Contains(result.Problems, p => p.Key == "mcp_cloud/orch.toml: process[0].policy");
        Assert.Contains(result.Problems, p => p.Key == "app[1].depends_on[0]" && p.Problem.Contains("unknown app 'nobody'"));
        Assert.Contains(result.Problems, p => p.Key == "app[0].depends_on" && p.Problem.Contains("worker-plan → worker-plan"));
    }

    private static string Replace(string original, string replacement)
    {
        var index = Stack.IndexOf(original, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{original}' is not in the stack file");
        return string.Concat(Stack.AsSpan(0, index), replacement, Stack.AsSpan(index + original.Length));
    }

    private static StackConfig Valid(string toml)
    {
        var result = StackConfigLoader.Load(toml, StackPath, Files.GetValueOrDefault);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Problems));
        return result.Config!;
    }

    private static ConfigProblem Problem(string toml, string key, string mention, Dictionary<string, string>? files = null)
    {
        var result = StackConfigLoader.Load(toml, StackPath, (files ?? Files).GetValueOrDefault);
        Assert.Null(result.Config);
        var problem = Assert.Single(result.Problems, p => p.Key == key);
        Assert.Contains(mention, problem.Problem, StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrWhiteSpace(problem.Example));
        return problem;
    }

    private static string App(string name, int port) => $$"""
        app = "{{name}}"

        [proxy]
        listen = "127.0.0.1:{{port}}"

        [[process]]
        id = "web"
        policy = "proxied"
        command = "node app.js"
        port = "18000-18999"
        """;
}
