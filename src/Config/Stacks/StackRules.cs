namespace Orchestrator.Config;

/// <summary>The rules across a stack's apps: unique names, known dependencies, no cycles, one app per listen address.</summary>
internal static class StackRules
{
    public static void Check(IReadOnlyList<StackEntry> entries, ConfigProblems problems)
    {
        var named = entries.Where(e => e.Name is not null).ToList();
        foreach (var twice in named.GroupBy(e => e.Name!, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var configs = string.Join(", ", twice.Select(e => e.Config));
            problems.Add(twice.ElementAt(1).Key + ".config", $"app '{twice.Key}' is listed more than once ({configs})", "list each app's config once");
        }

        // An app whose name is unknown (its config is missing or unreadable) may be what a dependency names: say nothing then.
        var names = named.Select(e => e.Name!).ToHashSet(StringComparer.Ordinal);
        var allNamed = named.Count == entries.Count;
        foreach (var entry in entries)
        {
            for (var i = 0; i < entry.DependsOn.Length; i++)
            {
                var dependency = entry.DependsOn[i];
                if (dependency == entry.Name)
                {
                    continue;
                }

                if (allNamed && !names.Contains(dependency))
                {
                    problems.Add($"{entry.Key}.depends_on[{i}]", $"unknown app '{dependency}'; the apps of this stack are {string.Join(", ", names)}",
                        $"depends_on = [\"{names.FirstOrDefault(n => n != entry.Name) ?? "worker_plan"}\"] (the app = ... of another app's orch.toml)");
                }
            }
        }

        CheckCycles(named, problems);
        CheckListeners([.. entries.Where(e => e.App is not null)], problems);
    }

    private static void CheckCycles(List<StackEntry> named, ConfigProblems problems)
    {
        var graph = named.Select(e => (e.Name!, (IReadOnlyList<string>)e.DependsOn)).ToList();
        foreach (var cycle in StackOrder.Cycles(graph))
        {
            var first = named.First(e => e.Name == cycle[0]);
            problems.Add($"{first.Key}.depends_on", $"dependency cycle: {string.Join(" → ", cycle)}",
                $"remove '{cycle[1]}' from the depends_on of '{cycle[0]}', or break the cycle elsewhere");
        }
    }

    /// <summary>Two apps may share a listener only when both answer on Host names and none of those is shared.</summary>
    private static void CheckListeners(List<StackEntry> loaded, ConfigProblems problems)
    {
        var seen = new List<StackEntry>();
        foreach (var entry in loaded)
        {
            if (entry.App!.Config.Proxy is not { } proxy)
            {
                continue;
            }

            var clash = seen.FirstOrDefault(other => other.App!.Config.Proxy is { } theirs && theirs.Listen == proxy.Listen
                && (proxy.Hosts.IsEmpty || theirs.Hosts.IsEmpty || proxy.Hosts.Intersect(theirs.Hosts).Any()));
            if (clash is not null)
            {
                problems.Add($"{entry.Config}: proxy.listen",
                    $"apps '{clash.App!.App}' and '{entry.App.App}' both listen on {proxy.Listen}",
                    "give each app its own listen address (or distinct [proxy] hosts)");
            }

            seen.Add(entry);
        }
    }
}
