using Orchestrator.Config;
using Xunit;

namespace Orchestrator.Actors.Tests.Config;

internal static class ConfigAssert
{
    public const string Source = "orch.toml";

    /// <summary>A valid proxied app to break one line at a time.</summary>
    public const string WebApp = """
        app = "shop"

        [proxy]
        listen = "127.0.0.1:8182"

        [[process]]
        id = "web"
        policy = "proxied"
        command = "python3 app.py --port {{port}}"
        port = "18182-18299"
        """;

    public static AppConfig Valid(string toml)
    {
        var result = AppConfigLoader.Load(toml, Source);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Problems));
        return result.Config!;
    }

    /// <summary>Asserts the file is refused with a problem at <paramref name="key"/> whose text mentions <paramref name="mention"/>.</summary>
    public static ConfigProblem Problem(string toml, string key, string mention)
    {
        var result = AppConfigLoader.Load(toml, Source);
        Assert.False(result.IsValid);
        Assert.Null(result.Config);
        var problem = Assert.Single(result.Problems, p => p.Key == key);
        Assert.Contains(mention, problem.Problem, StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrWhiteSpace(problem.Example));
        return problem;
    }
}
