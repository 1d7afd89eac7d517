namespace Orchestrator.Actors.Health;

public enum HealthVerdict
{
    /// <summary>Nothing to report.</summary>
    None,

    /// <summary>The failures in a row reached <c>unhealthy_after</c>: report it and restart the process.</summary>
    BecameUnhealthy,

    /// <summary>A probe passed after the process had been reported unhealthy.</summary>
    Recovered,
}

/// <summary>
/// What the watch of an active process knows: failures in a row, whether it was reported unhealthy, whether a restart
/// is under way (probes then say nothing about the process that will run next), and until when a freshly (re)started
/// process may fail without counting, as before the switch. Immutable.
/// </summary>
public sealed record ActiveHealthState(int Failures, bool Unhealthy, bool RestartPending, DateTimeOffset GraceUntil, string? LastFailure)
{
    /// <summary>The process just passed its probe before the switch.</summary>
    public static readonly ActiveHealthState Healthy = new(0, false, false, DateTimeOffset.MinValue, null);
}

/// <summary>The failure counting of active health checks as pure functions.</summary>
public static class ActiveHealth
{
    public static (ActiveHealthState State, HealthVerdict Verdict) Decide(ActiveHealthState state, HealthResult result, DateTimeOffset now, int unhealthyAfter)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Kind == HealthResultKind.Healthy)
        {
            var verdict = state.Unhealthy ? HealthVerdict.Recovered : HealthVerdict.None;
            return (ActiveHealthState.Healthy, verdict);
        }

        if (state.RestartPending || now < state.GraceUntil)
        {
            return (state with { LastFailure = result.Detail }, HealthVerdict.None);
        }

        var failures = state.Failures + 1;
        return failures >= unhealthyAfter
            ? (new ActiveHealthState(0, true, true, DateTimeOffset.MinValue, result.Detail), HealthVerdict.BecameUnhealthy)
            : (state with { Failures = failures, LastFailure = result.Detail }, HealthVerdict.None);
    }

    /// <summary>The process is gone (crashed, or being restarted): probes say nothing until it runs again.</summary>
    public static ActiveHealthState Down(ActiveHealthState state) => state with { Failures = 0, RestartPending = true };

    /// <summary>A new process runs: its failures count once it had <paramref name="graceUntil"/> to come up.</summary>
    public static ActiveHealthState Restarted(ActiveHealthState state, DateTimeOffset graceUntil) =>
        state with { Failures = 0, RestartPending = false, GraceUntil = graceUntil };

    /// <summary>The reason recorded when the process becomes unhealthy.</summary>
    public static string Reason(int unhealthyAfter, string? lastFailure) =>
        $"{unhealthyAfter} health check{(unhealthyAfter == 1 ? "" : "s")} in a row failed: {lastFailure ?? "no answer"}";
}
