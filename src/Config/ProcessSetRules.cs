namespace Orchestrator.Config;

/// <summary>Rules across all processes: unique ids, at most one proxied process, and <c>[proxy]</c> exactly when there is one.</summary>
internal static class ProcessSetRules
{
    public static void Check(IReadOnlyList<ProcessEntry> processes, bool hasProxySection, ConfigProblems problems)
    {
        UniqueProcessIds.Check(processes.Select(p => (p.Index, p.Id)), problems);

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
