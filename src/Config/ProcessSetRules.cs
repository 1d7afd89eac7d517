namespace Orchestrator.Config;

/// <summary>Rules across all processes: unique ids, at most one proxied process, and <c>[proxy]</c> exactly when there is one.</summary>
internal static class ProcessSetRules
{
    public static void Check(IReadOnlyList<ProcessEntry> processes, bool hasProxySection, ConfigProblems problems)
    {
        var firstById = new Dictionary<string, ProcessEntry>(StringComparer.Ordinal);
        foreach (var process in processes.Where(p => p.Id is not null))
        {
            if (firstById.TryGetValue(process.Id!, out var first))
            {
                problems.Add(process.KeyOf("id"), $"duplicate id '{process.Id}'; {first.Key} already uses it", $"id = \"{process.Id}-2\"");
            }
            else
            {
                firstById[process.Id!] = process;
            }
        }

        var proxied = processes.Where(p => p.Policy == ProcessPolicy.Proxied).ToList();
        foreach (var extra in proxied.Skip(1))
        {
            problems.Add(extra.KeyOf("policy"), $"an app has at most one proxied process; {proxied[0].Key} is already proxied", "policy = \"service\"");
        }

        if (hasProxySection && proxied.Count == 0)
        {
            problems.Add("proxy", "[proxy] routes traffic to a proxied process, and this app has none", "policy = \"proxied\" on the process that serves HTTP, or remove [proxy]");
        }
        else if (!hasProxySection && proxied.Count > 0)
        {
            problems.Add("proxy", $"{proxied[0].Key} is proxied, but there is no [proxy] section saying where the router listens", ConfigSchema.Root.ExampleOf("proxy"));
        }
    }
}
