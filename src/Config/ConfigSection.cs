namespace Orchestrator.Config;

/// <summary>The keys one table of <c>orch.toml</c> may hold, each with an example line used in problem reports.</summary>
internal sealed class ConfigSection(params (string Key, string Example)[] keys)
{
    public IEnumerable<string> Keys => keys.Select(k => k.Key);

    public bool Contains(string key) => keys.Any(k => k.Key == key);

    public string ExampleOf(string key) => keys.First(k => k.Key == key).Example;
}
