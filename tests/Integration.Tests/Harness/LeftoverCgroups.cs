using Orchestrator.Actors.Processes;

namespace Orchestrator.Integration.Tests.Harness;

/// <summary>
/// The cgroup half of the safety net: a daemon that shuts down leaves its processes (and their cgroups) for
/// adoption; the test kills what is left in its daemon's cgroups and removes them, the shared <c>orch</c> directory aside.
/// </summary>
internal static class LeftoverCgroups
{
    public static async Task RemoveAsync(string stateDirectory)
    {
        if (CgroupHierarchy.RootFor(stateDirectory, out _) is not { } root || !Directory.Exists(root))
        {
            return;
        }

        // cgroup.kill kills the whole subtree: only this test's daemon ever used it (its name comes from the state directory).
        new ProcessCgroup(root, root).Kill();
        await Eventually.TrueAsync(
            () =>
            {
                foreach (var dir in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length))
                {
                    new ProcessCgroup(dir, root).TryRemove();
                }

                return Task.FromResult(new ProcessCgroup(root, Path.GetDirectoryName(root)!).TryRemove());
            },
            $"the test daemon's cgroups under {root} to be removed");
    }
}
