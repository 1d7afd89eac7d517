using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Output;

internal sealed partial class ConsoleOutput
{
    private const int ActorIndent = 2;

    /// <summary>Each actor's path on its own line, indented by its level below the start, as pbm prints the tree.</summary>
    public void ActorHierarchy(ActorHierarchyResponse hierarchy)
    {
        if (Json)
        {
            WriteJson(hierarchy);
            return;
        }

        var depth = hierarchy.Depth is { } levels ? $"{levels} level(s)" : "every level";
        Heading($"actors of {hierarchy.Node} under {hierarchy.Path}, {depth}");
        foreach (var actor in hierarchy.Actors)
        {
            _stdout.WriteLine(new string(' ', actor.Level * ActorIndent) + actor.Path);
        }

        if (hierarchy.Truncated)
        {
            Note($"the tree is cut short (more than {Defaults.ActorHierarchyMaxActors} actors, or some did not answer in time): narrow it with -s or -d");
        }
    }
}
