namespace Orchestrator.Actors.Deployment;

/// <summary>Whether a draining deployment may retire before its deadline. Pure.</summary>
internal static class DrainDecision
{
    /// <summary>
    /// True when the router reports no open connections and every process with a <c>drain_check</c> last answered idle;
    /// a process not yet answered counts as busy.
    /// </summary>
    public static bool MayRetire(bool connectionsIdle, IEnumerable<string> checkedProcesses, IReadOnlyDictionary<string, bool> lastAnswers) =>
        connectionsIdle && checkedProcesses.All(id => lastAnswers.TryGetValue(id, out var idle) && idle);
}
