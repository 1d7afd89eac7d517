namespace Orchestrator.Config;

/// <summary>No two <c>[[process]]</c> entries share an id; each repeat is reported at its own entry.</summary>
internal static class UniqueProcessIds
{
    public static void Check(IEnumerable<(int Index, string? Id)> processes, ConfigProblems problems)
    {
        var firstById = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (index, id) in processes)
        {
            if (id is null)
            {
                continue;
            }

            if (firstById.TryGetValue(id, out var first))
            {
                problems.Add($"process[{index}].id", $"duplicate id '{id}'; process[{first}] already uses it", $"id = \"{id}-2\"");
            }
            else
            {
                firstById[id] = index;
            }
        }
    }
}
