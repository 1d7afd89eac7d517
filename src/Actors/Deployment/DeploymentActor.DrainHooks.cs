using Akka.Actor;
using Akka.Event;
using Orchestrator.Actors.Routing;
using Orchestrator.Config;

namespace Orchestrator.Actors.Deployment;

/// <summary>
/// Workers that drain: when the drain starts each process's <c>quiet</c> runs once; its <c>drain_check</c> is then
/// polled, and the deployment retires early only once every check says idle and no connection is open.
/// </summary>
internal sealed partial class DeploymentActor
{
    private DrainProgress _drain = DrainProgress.Begin([]);

    private void BeginDrainHooks()
    {
        _drain = DrainProgress.Begin(_config!.Processes.Where(p => p.DrainCheck is not null && _processes.ContainsKey(p.Id)).Select(p => p.Id));
        foreach (var process in _config!.Processes.Where(p => _processes.ContainsKey(p.Id)))
        {
            if (process.Quiet is { } quiet)
            {
                DrainHookRunner.QuietAsync(_services.HealthClient, quiet, TargetOf(process), Defaults.QuietTimeout).PipeTo(Self);
            }
            else if (process.DrainCheck is not null)
            {
                ScheduleDrainCheck(process.Id, TimeSpan.Zero);
            }
        }
    }

    private void DrainHookCommands()
    {
        Command<QuietSent>(HandleQuietSent);
        Command<DrainHookTick>(t => RunDrainCheck(t.ProcessId));
        Command<DrainCheckAnswered>(HandleDrainCheckAnswered);
    }

    private void HandleQuietSent(QuietSent sent)
    {
        if (sent.Error is null)
        {
            _log.Info("{0}: told {1} to stop taking new work ({2})", _deploymentId, sent.ProcessId, sent.Hook);
        }
        else
        {
            _log.Warning("{0}: quiet = '{1}' for {2} failed: {3}; the drain goes on", _deploymentId, sent.Hook, sent.ProcessId, sent.Error);
        }

        if (_config!.Processes.FirstOrDefault(p => p.Id == sent.ProcessId)?.DrainCheck is not null)
        {
            ScheduleDrainCheck(sent.ProcessId, TimeSpan.Zero);
        }
    }

    private void RunDrainCheck(string processId)
    {
        if (_config!.Processes.FirstOrDefault(p => p.Id == processId) is not { DrainCheck: { } check } process || !_processes.ContainsKey(processId))
        {
            return;
        }

        DrainHookRunner.CheckAsync(_services.HealthClient, check, TargetOf(process), Defaults.DrainCheckTimeout).PipeTo(Self);
    }

    private void HandleDrainCheckAnswered(DrainCheckAnswered answer)
    {
        if (!_drain.LastAnswers.TryGetValue(answer.ProcessId, out var was) || was != answer.Idle)
        {
            _log.Info("{0}: drain_check of {1}: {2} ({3})", _deploymentId, answer.ProcessId, answer.Idle ? "idle" : "busy", answer.Detail);
        }

        _drain = _drain.WithAnswer(answer.ProcessId, answer.Idle);
        var interval = _config!.Processes.FirstOrDefault(p => p.Id == answer.ProcessId)?.DrainCheckInterval ?? Defaults.DrainCheckInterval;
        ScheduleDrainCheck(answer.ProcessId, interval);
        RetireIfDrained();
    }

    private void HandleDrainStatus(DrainStatus status)
    {
        _drain = _drain.WithConnections(status.Idle);
        RetireIfDrained();
    }

    private bool RetireIfDrained()
    {
        var verdict = DeploymentDecisions.Drain(_drain, _state.DrainDeadline ?? DateTimeOffset.MinValue, Now);
        if (verdict.Done)
        {
            Retire(verdict.Reason);
        }

        return verdict.Done;
    }

    /// <summary>The timer may fire a tick before the persisted deadline by the clock; then it waits out the rest.</summary>
    private void HandleDrainDeadline()
    {
        if (!RetireIfDrained())
        {
            Timers.StartSingleTimer(DrainDeadlineKey.Instance, DrainDeadlineReached.Instance, _state.DrainTimeLeft(Now) ?? TimeSpan.Zero);
        }
    }

    private void ScheduleDrainCheck(string processId, TimeSpan delay) =>
        Timers.StartSingleTimer(new DrainHookKey(processId), new DrainHookTick(processId), delay);

    private void CancelDrainHooks()
    {
        foreach (var process in _config?.Processes ?? [])
        {
            Timers.Cancel(new DrainHookKey(process.Id));
        }
    }

    private DrainTarget TargetOf(ProcessConfig process)
    {
        var created = _state.Created!;
        var spec = ProcessPlanner.Plan(_config!, process, _deploymentId, created.ReleasePath, created.Revision, _state.Ports,
            _services.LogDirectory(created.App, _deploymentId));
        var pid = _state.Launched.TryGetValue(process.Id, out var launched) ? launched.Pid : (int?)null;
        var port = _state.Ports.TryGetValue(process.Id, out var allocated) ? allocated : process.Port?.First;
        return new DrainTarget(process.Id, pid, port, spec);
    }

    private sealed record DrainHookKey(string ProcessId);

    private sealed record DrainHookTick(string ProcessId);
}
