using System.Collections.Immutable;

namespace Orchestrator.Config;

/// <summary>An <c>orch.stack.toml</c>, parsed and validated, with every app's own config loaded. Immutable.</summary>
public sealed record StackConfig(string Stack, string StackPath, ImmutableArray<StackApp> Apps)
{
    public StackApp? Find(string app) => Apps.FirstOrDefault(a => a.App == app);
}

/// <summary>One <c>[[app]]</c> of a stack.</summary>
/// <param name="App">The app's name, from its own config's <c>app</c> key.</param>
/// <param name="ConfigPath">Absolute path of the app's <c>orch.toml</c>.</param>
/// <param name="Directory">The config's directory relative to the stack file (<c>"."</c> when it sits next to it).</param>
public sealed record StackApp(
    string App,
    string ConfigPath,
    string Directory,
    string ConfigToml,
    AppConfig Config,
    ImmutableArray<string> DependsOn);
