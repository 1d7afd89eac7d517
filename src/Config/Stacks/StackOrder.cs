using System.Collections.Immutable;

namespace Orchestrator.Config;

/// <summary>The dependency graph of a stack's apps: a topological order, and the cycles that prevent one.</summary>
public static class StackOrder
{
    /// <summary>
    /// The apps in an order where each comes after everything it depends on, ties broken by the stack file's order;
    /// null when there is a cycle. Dependencies on apps not in <paramref name="dependsOn"/> are ignored.
    /// </summary>
    public static ImmutableArray<string>? Topological(IReadOnlyList<(string App, IReadOnlyList<string> DependsOn)> dependsOn)
    {
        var known = dependsOn.Select(a => a.App).ToHashSet(StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var order = ImmutableArray.CreateBuilder<string>();
        while (order.Count < dependsOn.Count)
        {
            var next = dependsOn.FirstOrDefault(a => !done.Contains(a.App) && a.DependsOn.Where(known.Contains).All(done.Contains));
            if (next.App is null)
            {
                return null;
            }

            done.Add(next.App);
            order.Add(next.App);
        }

        return order.ToImmutable();
    }

    /// <summary>
    /// One cycle per group of apps that depend on each other, each written from its first app in the stack file's order
    /// back to it (<c>a → b → c → a</c>). Dependencies on apps not in <paramref name="dependsOn"/> are ignored.
    /// </summary>
    public static ImmutableArray<ImmutableArray<string>> Cycles(IReadOnlyList<(string App, IReadOnlyList<string> DependsOn)> dependsOn)
    {
        var edges = dependsOn.GroupBy(a => a.App, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(a => a.DependsOn).Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var inCycle = new HashSet<string>(StringComparer.Ordinal);
        var cycles = ImmutableArray.CreateBuilder<ImmutableArray<string>>();
        foreach (var (app, _) in dependsOn)
        {
            if (inCycle.Contains(app) || PathBack(app, app, edges, []) is not { } path)
            {
                continue;
            }

            inCycle.UnionWith(path);
            cycles.Add([app, .. path]);
        }

        return cycles.ToImmutable();
    }

    /// <summary>The apps from <paramref name="from"/>'s dependencies back to <paramref name="target"/>, depth first; null when none leads there.</summary>
    private static List<string>? PathBack(string target, string from, Dictionary<string, List<string>> edges, HashSet<string> visited)
    {
        foreach (var next in edges.GetValueOrDefault(from) ?? [])
        {
            if (next == target)
            {
                return [next];
            }

            if (edges.ContainsKey(next) && visited.Add(next) && PathBack(target, next, edges, visited) is { } rest)
            {
                return [next, .. rest];
            }
        }

        return null;
    }
}
