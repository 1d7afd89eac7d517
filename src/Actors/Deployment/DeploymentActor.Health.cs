using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Orchestrator.Actors.Health;
using Orchestrator.Actors.Processes;

namespace Orchestrator.Actors.Deployment;

/// <summary>
/// While active, a <see cref="HealthWatchActor"/> keeps probing the proxied process; an unhealthy one is recorded
/// (<see cref="DeploymentProcessUnhealthy"/>) and restarted under its restart policy, and the restart's cause is
/// recorded too (<see cref="DeploymentProcessRestarted"/>).
/// </summary>
internal sealed partial class DeploymentActor
{
    public const string Healthy = "healthy";
    public const string Unhealthy = "unhealthy";

    private readonly Dictionary<string, ProcessHealth> _health = [];
    private IActorRef _healthWatch = ActorRefs.Nobody;
    private int _healthWatches;

    private void StartHealthWatch()
    {
        StopHealthWatch();
        if (_config!.Proxied is not { } proxied || !_state.Ports.ContainsKey(proxied.Id))
        {
            return;
        }

        // Not an identifier (they have no '_'), so never a process's name.
        var name = $"health_watch_{++_healthWatches}";
        _healthWatch = Context.ActorOf(HealthWatchActor.Props(proxied.Id, HealthUrl(proxied), HealthOf(proxied), _services.HealthClient), name);
        _health[proxied.Id] = new ProcessHealth(Healthy, _lastHealth?.Detail);
    }

    private void StopHealthWatch()
    {
        if (!_healthWatch.IsNobody())
        {
            Context.Stop(_healthWatch);
        }

        _healthWatch = ActorRefs.Nobody;
        _health.Clear();
    }

    private void HealthCommands()
    {
        Command<ProcessUnhealthy>(HandleUnhealthy);
        Command<ProcessRecovered>(r =>
        {
            _log.Info("{0}: process {1} is healthy again: {2}", _deploymentId, r.ProcessId, r.Detail);
            _health[r.ProcessId] = new ProcessHealth(Healthy, r.Detail);
        });
    }

    private void HandleUnhealthy(ProcessUnhealthy unhealthy)
    {
        _log.Warning("{0}: process {1} unhealthy: {2}; restarting it", _deploymentId, unhealthy.ProcessId, unhealthy.Reason);
        _health[unhealthy.ProcessId] = new ProcessHealth(Unhealthy, unhealthy.Reason);
        Persist(new DeploymentProcessUnhealthy(unhealthy.ProcessId, unhealthy.Reason, Now), e =>
        {
            Apply(e);
            if (_processes.TryGetValue(e.ProcessId, out var process))
            {
                process.Tell(new RestartProcess($"unhealthy: {e.Reason}"));
            }
        });
    }

    private void HandleLiveStarted(ProcessStarted started)
    {
        PersistLaunched(started);
        if (started.ProcessId == _config!.Proxied?.Id)
        {
            _healthWatch.Tell(WatchedProcessStarted.Instance);
        }
    }

    private void HandleLiveExited(ProcessExited exited)
    {
        _log.Warning("{0}: process {1} exited (code {2}, signal {3}{4}); restart in {5}",
            _deploymentId, exited.ProcessId, exited.ExitCode, exited.Signal, exited.Reason is { } why ? $", {why}" : "", exited.RestartIn);
        if (exited.ProcessId == _config!.Proxied?.Id)
        {
            _healthWatch.Tell(WatchedProcessDown.Instance);
        }

        if (exited.Reason is { } reason)
        {
            PersistAsync(new DeploymentProcessRestarted(exited.ProcessId, reason, Now), Apply);
        }

        if (exited.RestartIn is { } delay)
        {
            PersistAsync(new DeploymentProcessRestartScheduled(exited.ProcessId, Now + delay), Apply);
        }
    }

    private static ProcessStatusSnapshot WithHealth(ProcessStatusSnapshot snapshot, ImmutableDictionary<string, ProcessHealth> health) =>
        health.TryGetValue(snapshot.ProcessId, out var h) ? snapshot with { Health = h.Status, HealthDetail = h.Detail } : snapshot;

    private sealed record ProcessHealth(string Status, string? Detail);
}
