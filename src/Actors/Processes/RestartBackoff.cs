using Orchestrator.Config;

namespace Orchestrator.Actors.Processes;

/// <summary>Whether a process that exited on its own is started again, and when.</summary>
internal sealed record RestartDecision(bool GiveUp, TimeSpan Delay, int RestartsInWindow)
{
    public static RestartDecision RestartAfter(TimeSpan delay, int restartsInWindow) => new(false, delay, restartsInWindow);

    public static RestartDecision Stop(int restartsInWindow) => new(true, TimeSpan.Zero, restartsInWindow);
}

/// <summary>
/// The restart policy of <c>orch.toml</c>'s <c>restart = { … }</c>, as a pure function.
/// Akka's BackoffSupervisor fixes the factor at 2 and counts restarts without a sliding window,
/// which this policy needs, so the ProcessActor decides with this instead.
/// </summary>
internal static class RestartBackoff
{
    /// <summary>
    /// Counts the restarts within <see cref="RestartConfig.Window"/> before <paramref name="now"/>; gives up at
    /// <see cref="RestartConfig.MaxRestarts"/>, else waits <c>min(InitialDelay * BackoffFactor^count, MaxDelay)</c>.
    /// </summary>
    public static RestartDecision Decide(RestartConfig config, IReadOnlyList<DateTimeOffset> previousRestarts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(previousRestarts);

        var windowStart = now - config.Window;
        var inWindow = previousRestarts.Count(t => t > windowStart && t <= now);
        if (inWindow >= config.MaxRestarts)
        {
            return RestartDecision.Stop(inWindow);
        }

        var ms = config.InitialDelay.TotalMilliseconds * Math.Pow(config.BackoffFactor, inWindow);
        var delay = double.IsFinite(ms) && ms < config.MaxDelay.TotalMilliseconds
            ? TimeSpan.FromMilliseconds(ms)
            : config.MaxDelay;
        return RestartDecision.RestartAfter(delay, inWindow);
    }
}
