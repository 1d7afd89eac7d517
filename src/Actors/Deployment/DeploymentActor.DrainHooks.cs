using Akka.Actor;
using Akka.Event;
using Orchestrator.Actors.Config;
using Orchestrator.Actors.Routing;

namespace Orchestrator.Actors.Deployment;

/// <summary>
/// Workers that drain: when the drain starts each process's <c>quiet</c> runs once; its <c>drain_check</c> is then
/// polled, and the deployment retires early only once every check says idle and no connection is open.
/// </summary>
internal sealed partial class DeploymentActor
{
    private readonly Dictionary<string, bool> _drainIdle = [];
    private bool _connectionsIdle;

    private IEnumerable<ProcessConfig> Checked() =>
        _config!.Processes.Where(p => p.DrainCheck is not null && _processes.ContainsKey(p.Id));

    private void BeginDrainHooks()
    {
        _drainIdle.Clear();
        _connectionsIdle = false;
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
        if (!_drainIdle.TryGetValue(answer.ProcessId, out var was) || was != answer.Idle)
        {
            _log.Info("{0}: drain_check of {1}: {2} ({3})", _deploymentId, answer.ProcessId, answer.Idle ? "idle" : "busy", answer.Detail);
        }

        _drainIdle[answer.ProcessId] = answer.Idle;
        var interval = _config!.Processes.FirstOrDefault(p => p.Id == answer.ProcessId)?.DrainCheckInterval ?? Defaults.DrainCheckInterval;
        ScheduleDrainCheck(answer.ProcessId, interval);
        RetireIfDrained();
    }

    private void HandleDrainStatus(DrainStatus status)
    {
        _connectionsIdle = status.Idle;
        RetireIfDrained();
    }

    private void RetireIfDrained()
    {
        var checkedIds = Checked().Select(p => p.Id).ToList();
        if (DrainDecision.MayRetire(_connectionsIdle, checkedIds, _drainIdle))
        {
            Retire(checkedIds.Count == 0 ? "drained: no open connections" : "drained: no open connections and every drain_check says idle");
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
