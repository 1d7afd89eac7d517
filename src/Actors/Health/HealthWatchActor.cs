using Akka.Actor;
using Akka.Event;
using Orchestrator.Config;

namespace Orchestrator.Actors.Health;

/// <summary>
/// Probes an active deployment's proxied process every <c>health.interval_active</c> and tells its parent when it
/// becomes unhealthy (<c>health.unhealthy_after</c> failures in a row) or recovers. The parent restarts it; the watch
/// counts nothing while the restart is under way and gives the new process the deploy's start grace.
/// </summary>
internal sealed class HealthWatchActor : ReceiveActor, IWithTimers
{
    /// <summary>A probe may take at least this long before it counts as failed, however short the interval.</summary>
    public static readonly TimeSpan MinProbeTimeout = TimeSpan.FromSeconds(1);

    private readonly string _processId;
    private readonly Uri _url;
    private readonly HealthConfig _health;
    private readonly HttpClient _client;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private ActiveHealthState _state = ActiveHealthState.Healthy;

    public HealthWatchActor(string processId, Uri url, HealthConfig health, HttpClient client)
    {
        _processId = processId;
        _url = url;
        _health = health;
        _client = client;
        Receive<ProbeTick>(_ => HealthProbe.ProbeAsync(_client, _url, ProbeTimeout(_health)).PipeTo(Self));
        Receive<HealthResult>(HandleResult);
        Receive<Status.Failure>(f =>
        {
            _log.Error(f.Cause, "{0}: health probe of {1} failed unexpectedly", _processId, _url);
            ScheduleProbe();
        });
        Receive<WatchedProcessDown>(_ => _state = ActiveHealth.Down(_state));
        Receive<WatchedProcessStarted>(_ => _state = ActiveHealth.Restarted(_state, Now + _health.StartDelay + _health.Timeout));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string processId, Uri url, HealthConfig health, HttpClient client) =>
        Akka.Actor.Props.Create(() => new HealthWatchActor(processId, url, health, client));

    /// <summary>One interval, but never below <see cref="MinProbeTimeout"/> nor above the health timeout.</summary>
    public static TimeSpan ProbeTimeout(HealthConfig health) =>
        TimeSpan.FromTicks(Math.Min(Math.Max(health.IntervalActive.Ticks, MinProbeTimeout.Ticks), health.Timeout.Ticks));

    private DateTimeOffset Now => Context.System.Scheduler.Now;

    protected override void PreStart() => ScheduleProbe();

    private void HandleResult(HealthResult result)
    {
        var (state, verdict) = ActiveHealth.Decide(_state, result, Now, _health.UnhealthyAfter);
        if (state.Failures > _state.Failures)
        {
            _log.Info("{0}: health check {1} of {2} failed: {3}", _processId, state.Failures, _health.UnhealthyAfter, result.Detail);
        }

        _state = state;
        switch (verdict)
        {
            case HealthVerdict.BecameUnhealthy:
                Context.Parent.Tell(new ProcessUnhealthy(_processId, ActiveHealth.Reason(_health.UnhealthyAfter, result.Detail)));
                break;
            case HealthVerdict.Recovered:
                Context.Parent.Tell(new ProcessRecovered(_processId, result.Detail));
                break;
        }

        ScheduleProbe();
    }

    private void ScheduleProbe() => Timers.StartSingleTimer(TimerKey.Probe, ProbeTick.Instance, _health.IntervalActive);

    private enum TimerKey
    {
        Probe,
    }

    private sealed class ProbeTick
    {
        public static readonly ProbeTick Instance = new();
    }
}
