using System.Reflection;

namespace Orchestrator.Railway.Fake;

/// <summary>The repo's copy of Railway's schema subset (railway/schema-subset.graphql), embedded in the fake's assembly.</summary>
internal static class SchemaSubset
{
    private const string ResourceName = "railway/schema-subset.graphql";

    public static readonly string Sdl = Load();

    private static string Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
