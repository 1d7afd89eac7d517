using Orchestrator.Config;
using Xunit;

namespace Orchestrator.Actors.Tests.Config;

public sealed class SyntaxAndManyProblemsTests
{
    [Fact]
    public void Load_TomlSyntaxError_ReportsLineAndColumn()
    {
        var result = AppConfigLoader.Load("app = \"shop\"\nport = \n", "/srv/shop/orch.toml");

        Assert.Null(result.Config);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("/srv/shop/orch.toml:2:8", problem.Key);
        Assert.Contains("value", problem.Problem, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Load_KeyDefinedTwice_IsASyntaxError()
    {
        var result = AppConfigLoader.Load("app = \"shop\"\napp = \"other\"\n", ConfigAssert.Source);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("orch.toml:2:1", problem.Key);
        Assert.Contains("already defined", problem.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SyntaxErrorsOnSeveralLines_ReportsEachLine()
    {
        var result = AppConfigLoader.Load("a = \nb = \"x\nc = 1\n", ConfigAssert.Source);

        Assert.True(result.Problems.Length >= 2);
        Assert.Equal("orch.toml:1:5", result.Problems[0].Key);
        Assert.StartsWith("orch.toml:2:", result.Problems[1].Key, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileWithManyMistakes_ReportsEveryOneAtOnce()
    {
        var result = AppConfigLoader.Load("""
            app = "Ticket Server"
            colour = "blue"

            [proxy]
            listen = "127.0.0.1"
            drain_timeout = "60"

            [[process]]
            id = "worker"
            policy = "compainon"
            command = "python3 worker.py {{port}}"

            [[process]]
            id = "web"
            policy = "proxied"
            command = "python3 app.py --port {{prot}}"
            port = "18299-18182"
            health = { interval = "250", helth = "/" }
            restart = { backoff_factor = 0 }
            """, ConfigAssert.Source);

        Assert.False(result.IsValid);
        Assert.Equal(
            [
                "colour",
                "app",
                "proxy.listen",
                "proxy.drain_timeout",
                "process[0].policy",
                "process[1].port",
                "process[1].health.helth",
                "process[1].health.interval",
                "process[1].restart.backoff_factor",
                "process[0].command",
                "process[1].command",
            ],
            result.Problems.Select(p => p.Key).ToArray());
        Assert.All(result.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Example)));
    }
}
