using Akka.Configuration;

namespace Orchestrator.Hosting;

/// <summary>The HOCON files of <c>hocon/</c>, embedded in this assembly.</summary>
internal static class HoconResources
{
    public static Akka.Configuration.Config Load(string name)
    {
        using var stream = typeof(HoconResources).Assembly.GetManifestResourceStream("hocon." + name)
            ?? throw new InvalidOperationException($"embedded HOCON '{name}' is missing from the build");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}
