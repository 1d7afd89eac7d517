using System.Collections.Immutable;

namespace Orchestrator.Actors.Deployment;

/// <summary>What a recovered deployment does first, decided from its journal alone.</summary>
internal enum Resumption
{
    /// <summary>Nothing was persisted: it waits for its <see cref="StartDeployment"/>.</summary>
    Idle,

    /// <summary>The node died mid-deploy: fail, take back any route it may have reached, stop what it started.</summary>
    FailInterruptedDeploy,

    /// <summary>Adopt every process, register its active route again, watch its health.</summary>
    Active,

    /// <summary>Adopt every process (no singletons: those are the active one's), register its canary route again, watch its health.</summary>
    Canary,

    /// <summary>A canary whose promote began: adopt its processes, send the switch again and activate (the previous one then drains).</summary>
    Promote,

    /// <summary>Active while a promote of the canary takes over: adopt every process, keep serving, claim no route; the app drains it.</summary>
    HandOver,

    /// <summary>Active or canary in its journal, superseded in the app's: adopt its processes and drain (its drain was not recorded).</summary>
    DrainSuperseded,

    /// <summary>Adopt its processes, register its draining route, re-arm the drain with the time left.</summary>
    Draining,

    /// <summary>Adopt what still runs without signalling it again, SIGKILL at the persisted deadlines, then finish.</summary>
    FinishStop,

    /// <summary>Retired or failed: nothing runs.</summary>
    Finished,
}

/// <summary>Whether a drain is over, and why.</summary>
internal sealed record DrainVerdict(bool Done, string Reason)
{
    public static readonly DrainVerdict Continue = new(false, "");
}

/// <summary>The drain's inputs: the router's last answer and each <c>drain_check</c>'s last answer.</summary>
internal sealed record DrainProgress(bool ConnectionsIdle, ImmutableHashSet<string> Checked, ImmutableDictionary<string, bool> LastAnswers)
{
    public static DrainProgress Begin(IEnumerable<string> checkedProcesses) =>
        new(false, [.. checkedProcesses], ImmutableDictionary<string, bool>.Empty);

    public DrainProgress WithConnections(bool idle) => this with { ConnectionsIdle = idle };

    public DrainProgress WithAnswer(string processId, bool idle) => this with { LastAnswers = LastAnswers.SetItem(processId, idle) };
}

/// <summary>
/// The pure rules of a deployment's lifecycle: functions of its state and the time, so its phases are unit-tested
/// without an actor system. The <see cref="DeploymentActor"/> asks, persists and acts.
/// </summary>
internal static class DeploymentDecisions
{
    /// <summary>Headroom past the longest SIGKILL deadline before a stop gives up waiting for its processes.</summary>
    public static readonly TimeSpan StopMargin = TimeSpan.FromSeconds(10);

    /// <summary>Time left until <paramref name="deadline"/>, never negative; compares instants, whatever their offsets.</summary>
    public static TimeSpan TimeLeft(DateTimeOffset deadline, DateTimeOffset now) => deadline > now ? deadline - now : TimeSpan.Zero;

    /// <summary>
    /// What a recovered deployment does first: its own journal decides, except where the app's journal
    /// (<paramref name="standing"/>) knows of a hand-over the deployment had not recorded yet when the node stopped.
    /// </summary>
    public static Resumption Resume(DeploymentState state, AppStanding standing = AppStanding.AsJournaled) => state.Created is null
        ? Resumption.Idle
        : state.Phase switch
        {
            _ when state.Phase.IsDeploying() => Resumption.FailInterruptedDeploy,
            DeploymentPhase.Canary when state.PromotingSince is not null => Resumption.Promote,
            DeploymentPhase.Active or DeploymentPhase.Canary when standing == AppStanding.Superseded => Resumption.DrainSuperseded,
            DeploymentPhase.Active when standing == AppStanding.HandingOver => Resumption.HandOver,
            DeploymentPhase.Active => Resumption.Active,
            DeploymentPhase.Canary => Resumption.Canary,
            DeploymentPhase.Draining => Resumption.Draining,
            _ when state.Phase.IsStopping() => Resumption.FinishStop,
            _ => Resumption.Finished,
        };

    /// <summary>
    /// A drain is done once the router reports no open connections and every process with a <c>drain_check</c> last
    /// answered idle (a process not yet answered counts as busy), or once its deadline has passed.
    /// </summary>
    public static DrainVerdict Drain(DrainProgress progress, DateTimeOffset deadline, DateTimeOffset now)
    {
        if (now >= deadline)
        {
            return new DrainVerdict(true, "drain deadline reached");
        }

        if (!progress.ConnectionsIdle || !progress.Checked.All(id => progress.LastAnswers.TryGetValue(id, out var idle) && idle))
        {
            return DrainVerdict.Continue;
        }

        return new DrainVerdict(true, progress.Checked.IsEmpty
            ? "drained: no open connections"
            : "drained: no open connections and every drain_check says idle");
    }

    /// <summary>
    /// How long a deploy waits before it probes its listening process again after <paramref name="failedProbes"/> failed
    /// probes in a row: <see cref="Defaults.HealthFirstRetry"/> after the first, twice as long after each next one, never
    /// longer than the health <paramref name="interval"/>.
    /// </summary>
    public static TimeSpan NextProbe(int failedProbes, TimeSpan interval)
    {
        var wait = Defaults.HealthFirstRetry;
        for (var failed = 1; failed < failedProbes && wait < interval; failed++)
        {
            wait += wait;
        }

        return wait < interval ? wait : interval;
    }

    /// <summary>Each process's absolute SIGKILL time for a stop that begins at <paramref name="now"/>.</summary>
    public static ImmutableDictionary<string, DateTimeOffset> KillDeadlines(IEnumerable<(string ProcessId, TimeSpan GracefulStop)> processes, DateTimeOffset now) =>
        processes.ToImmutableDictionary(p => p.ProcessId, p => now + p.GracefulStop);

    /// <summary>How long a stop waits for its processes before it finishes anyway: past the last SIGKILL, with a margin.</summary>
    public static TimeSpan StopWait(ImmutableDictionary<string, DateTimeOffset> killAt, DateTimeOffset now) =>
        (killAt.IsEmpty ? TimeSpan.Zero : killAt.Values.Max(at => TimeLeft(at, now))) + StopMargin;

    /// <summary>When a recovered process that is gone starts again: at its pending restart if one was due, else now.</summary>
    public static DateTimeOffset? RestartAt(DeploymentState state, string processId) =>
        state.PendingRestarts.TryGetValue(processId, out var at) ? at : null;
}
