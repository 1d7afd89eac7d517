namespace Orchestrator.Config;

/// <summary>One thing wrong with an <c>orch.toml</c>: where, what, and an example of a fix.</summary>
public sealed record ConfigProblem(string Key, string Problem, string Example)
{
    public override string ToString() => $"{Key}: {Problem} (for example: {Example})";
}
