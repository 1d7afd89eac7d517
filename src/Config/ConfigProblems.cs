using System.Collections.Immutable;

namespace Orchestrator.Config;

/// <summary>Collects every problem found while reading one <c>orch.toml</c>, in the order found.</summary>
internal sealed class ConfigProblems
{
    private readonly ImmutableArray<ConfigProblem>.Builder _problems = ImmutableArray.CreateBuilder<ConfigProblem>();

    public bool IsEmpty => _problems.Count == 0;

    public void Add(string key, string problem, string example) => _problems.Add(new ConfigProblem(key, problem, example));

    public ImmutableArray<ConfigProblem> ToImmutable() => _problems.ToImmutable();
}
