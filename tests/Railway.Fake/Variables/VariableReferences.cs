using System.Text.RegularExpressions;

namespace Orchestrator.Railway.Fake.Variables;

/// <summary>
/// Railway's reference variables: <c>${{service.NAME}}</c> reads another service's variable in the same environment,
/// <c>${{NAME}}</c> one of the same service. A reference to nothing renders empty, as on Railway.
/// </summary>
internal static partial class VariableReferences
{
    /// <summary>How deep references to references are followed; a cycle stops here instead of looping.</summary>
    public const int MaxDepth = 8;

    /// <summary>Renders every variable of <paramref name="service"/>.</summary>
    /// <param name="variablesOf">A service's own variables with Railway's, unrendered.</param>
    /// <param name="serviceNamed">The service of that name in the same project, or null.</param>
    public static Dictionary<string, string> Render(
        FakeService service, Func<FakeService, IReadOnlyDictionary<string, string>> variablesOf, Func<string, FakeService?> serviceNamed) =>
        variablesOf(service).ToDictionary(pair => pair.Key, pair => Resolve(service, pair.Value, variablesOf, serviceNamed, depth: 0));

    private static string Resolve(
        FakeService owner, string value, Func<FakeService, IReadOnlyDictionary<string, string>> variablesOf, Func<string, FakeService?> serviceNamed, int depth) =>
        depth >= MaxDepth
            ? value
            : Reference().Replace(value, reference =>
            {
                var target = reference.Groups["service"].Success ? serviceNamed(reference.Groups["service"].Value) : owner;
                return target is not null && variablesOf(target).TryGetValue(reference.Groups["name"].Value, out var referenced)
                    ? Resolve(target, referenced, variablesOf, serviceNamed, depth + 1)
                    : "";
            });

    [GeneratedRegex(@"\$\{\{\s*(?:(?<service>[\w-]+)\.)?(?<name>\w+)\s*\}\}")]
    private static partial Regex Reference();
}
