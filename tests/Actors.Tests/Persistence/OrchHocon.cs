using Akka.Configuration;

namespace Orchestrator.Actors.Tests.Persistence;

/// <summary>The repository's own <c>hocon/orch.conf</c>, so tests bind serializers exactly as a node does.</summary>
internal static class OrchHocon
{
    private const string RelativePath = "hocon/orch.conf";

    public static string Text() => File.ReadAllText(Find());

    /// <summary>orch.conf on a local provider: serialization without remoting or a cluster.</summary>
    public static Akka.Configuration.Config Local() =>
        ConfigurationFactory.ParseString("akka.actor.provider = local")
            .WithFallback(ConfigurationFactory.ParseString(Text()));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, RelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{RelativePath} not found in {AppContext.BaseDirectory} or any parent directory");
    }
}
