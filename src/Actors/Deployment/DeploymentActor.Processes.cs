using System.Collections.Immutable;
using Akka.Actor;
using Orchestrator.Actors.Processes;
using Orchestrator.Config;

namespace Orchestrator.Actors.Deployment;

/// <summary>The deployment's OS processes: one <see cref="ProcessActor"/> child each.</summary>
internal sealed partial class DeploymentActor
{
    private readonly HashSet<string> _started = [];
    private readonly List<IActorRef> _stopReplies = [];
    private readonly Dictionary<string, PendingStop> _pendingStops = [];

    private void StartProcesses(ProcessPolicy policy, bool adopt = false)
    {
        var created = _state.Created!;
        foreach (var process in _config!.Processes.Where(p => p.Policy == policy))
        {
            if (IsRailway)
            {
                if (RailwayServiceProps(process, adopt) is { } railway)
                {
                    _processes[process.Id] = Context.ActorOf(railway, process.Id);
                }

                continue;
            }

            var spec = ProcessPlanner.Plan(_config, process, _deploymentId, created.ReleasePath, created.Revision, _state.Ports,
                _services.LogDirectory(created.App, _deploymentId));
            var adoptable = adopt && _state.Launched.TryGetValue(process.Id, out var launched)
                ? new AdoptableProcess(launched.Pid, launched.StartTimeTicks, DeploymentDecisions.RestartAt(_state, process.Id))
                : null;
            _processes[process.Id] = Context.ActorOf(ProcessActor.Props(spec, adoptable, _services.Cgroups), process.Id);
            if (!adopt)
            {
                Step($"starting {process.Id}: {spec.Command}");
            }
        }
    }

    private bool AllStarted(ProcessPolicy policy) =>
        _config!.Processes.Where(p => p.Policy == policy).All(p => _started.Contains(p.Id));

    private void PersistLaunched(ProcessStarted started)
    {
        _started.Add(started.ProcessId);
        if (started.Adopted || IsRailway)
        {
            return;
        }

        PersistAsync(new DeploymentProcessLaunched(started.ProcessId, started.Pid, started.StartTimeTicks), Apply);
    }

    /// <summary>Stops the processes of one policy; tells <paramref name="replyTo"/> <paramref name="reply"/> when all are gone.</summary>
    private void StopProcesses(ProcessPolicy policy, IActorRef replyTo, object reply)
    {
        var ids = _config!.Processes.Where(p => p.Policy == policy && _processes.ContainsKey(p.Id)).Select(p => p.Id).ToList();
        if (ids.Count == 0)
        {
            replyTo.Tell(reply);
            return;
        }

        var pending = new PendingStop(ids.ToHashSet(), replyTo, reply);
        foreach (var id in ids)
        {
            _pendingStops[id] = pending;
            _processes[id].Tell(new StopProcess("singleton handed over to the next deployment"));
        }
    }

    /// <summary>
    /// The recovered half of a stop: a process actor for each process launched, told to adopt it without signalling
    /// it again and to SIGKILL it at its persisted deadline (one that is gone reports stopped at once).
    /// </summary>
    private void ResumeStop(DeploymentStopStarted stop)
    {
        var created = _state.Created!;
        foreach (var process in _config!.Processes.Where(p => IsRailway && _state.RailwayServices.ContainsKey(p.Id)))
        {
            var finish = new StopProcess($"deployment {_deploymentId} stopping (resumed)");
            _processes[process.Id] = Context.ActorOf(RailwayServiceProps(process, adopt: false, finish)!, process.Id);
        }

        foreach (var process in _config!.Processes.Where(p => !IsRailway && _state.Launched.ContainsKey(p.Id)))
        {
            var launched = _state.Launched[process.Id];
            var spec = ProcessPlanner.Plan(_config, process, _deploymentId, created.ReleasePath, created.Revision, _state.Ports,
                _services.LogDirectory(created.App, _deploymentId));
            var finish = new StopProcess($"deployment {_deploymentId} stopping (resumed)", stop.KillAt.GetValueOrDefault(process.Id, Now));
            _processes[process.Id] = Context.ActorOf(
                ProcessActor.Props(spec, new AdoptableProcess(launched.Pid, launched.StartTimeTicks), _services.Cgroups, finish), process.Id);
        }

        var plan = new StopPlan(stop.Then, stop.Reason);
        Become(() => StoppingProcesses(plan));
        StopInstances(stop.KillAt.GetValueOrDefault(InstancesKillKey, Now));
        ArmStopWait(stop.KillAt, plan);
    }

    /// <summary>SIGTERM to every process now, SIGKILL at its deadline in <paramref name="killAt"/>; then the plan's next phase.</summary>
    private void StopAll(ImmutableDictionary<string, DateTimeOffset> killAt, StopPlan plan)
    {
        foreach (var (id, process) in _processes)
        {
            process.Tell(new StopProcess($"deployment {_deploymentId} stopping", killAt.GetValueOrDefault(id, Now)));
        }

        StopInstances(killAt.GetValueOrDefault(InstancesKillKey, Now));
        ArmStopWait(killAt, plan);
    }

    private void ArmStopWait(ImmutableDictionary<string, DateTimeOffset> killAt, StopPlan plan)
    {
        if (_processes.Count == 0 && InstancesStopped)
        {
            CompleteStop(plan);
            return;
        }

        Timers.StartSingleTimer(AllStopTimedOutKey.Instance, AllStopTimedOut.Instance, DeploymentDecisions.StopWait(killAt, Now));
    }

    /// <summary>The grace a process gets between SIGTERM and SIGKILL (<c>stop_timeout</c> for the proxied one, else <c>graceful_stop</c>).</summary>
    private TimeSpan GracefulStopOf(string processId)
    {
        var process = _config!.Processes.First(p => p.Id == processId);
        return process.Policy == ProcessPolicy.Proxied && _config.Proxy is { } proxy ? proxy.StopTimeout : process.GracefulStop;
    }

    private void PersistSurvivors(ProcessStopped stopped)
    {
        if (!stopped.Survivors.IsDefaultOrEmpty)
        {
            PersistAsync(new DeploymentProcessSurvived(stopped.ProcessId, stopped.Survivors), Apply);
        }
    }

    /// <summary>Live: a singleton handed over to the next deployment.</summary>
    private void HandleSingletonStopped(ProcessStopped stopped)
    {
        PersistSurvivors(stopped);
        if (_pendingStops.Remove(stopped.ProcessId, out var pending))
        {
            pending.Waiting.Remove(stopped.ProcessId);
            if (pending.Waiting.Count == 0)
            {
                pending.ReplyTo.Tell(pending.Reply);
            }
        }

        if (_processes.Remove(stopped.ProcessId, out var child))
        {
            Context.Stop(child);
        }

        _started.Remove(stopped.ProcessId);
    }

    private Action<ProcessStopped> HandleProcessStopped(StopPlan plan) => stopped =>
    {
        PersistSurvivors(stopped);
        if (_processes.Remove(stopped.ProcessId, out var child))
        {
            Context.Stop(child);
        }

        if (_processes.Count == 0 && InstancesStopped)
        {
            CompleteStop(plan);
        }
    };

    private void CompleteStop(StopPlan plan)
    {
        Timers.Cancel(AllStopTimedOutKey.Instance);
        foreach (var child in _processes.Values)
        {
            Context.Stop(child);
        }

        _processes.Clear();
        _instancesStopping.Clear();
        Finish(plan);
    }

    /// <summary>A process died before the switch: fail with its exit and its last output.</summary>
    private void FailExitedDuringDeploy(ProcessExited exited, bool removeRoute)
    {
        var how = exited.Signal is { } signal ? $"killed by {signal}" : $"exit code {exited.ExitCode}";
        var reason = $"process '{exited.ProcessId}' exited during the deploy ({how})";
        if (!_processes.TryGetValue(exited.ProcessId, out var process))
        {
            Fail(reason, removeRoute);
            return;
        }

        process.Ask<RecentOutput>(new GetRecentOutput(20), TimeSpan.FromSeconds(2))
            .ContinueWith(t => new FailWithOutput(reason, t.IsCompletedSuccessfully ? t.Result.Lines : [], removeRoute))
            .PipeTo(Self);
    }

    private static string OutputTail(ImmutableArray<string> lines) =>
        lines.IsDefaultOrEmpty ? "" : "\n--- last output ---\n" + string.Join("\n", lines.TakeLast(20));

    /// <summary>Stopped processes whose survivors still run: shown in status, as the process the survivors came from.</summary>
    private List<ProcessStatusSnapshot> SurvivorSnapshots() =>
    [
        .. from entry in _state.Survivors
           where !_processes.ContainsKey(entry.Key)
           let alive = entry.Value.Where(s => s.IsRunning()).Select(s => s.Pid).ToImmutableArray()
           where !alive.IsEmpty
           let policy = _config?.Processes.FirstOrDefault(p => p.Id == entry.Key)?.Policy ?? ProcessPolicy.Proxied
           let log = Path.Combine(_services.LogDirectory(App, _deploymentId), entry.Key + ".log")
           select new ProcessStatusSnapshot(entry.Key, policy, null, ProcessState.Stopped, 0, null, null, null, log, alive),
    ];

    private sealed record PendingStop(HashSet<string> Waiting, IActorRef ReplyTo, object Reply);

    /// <summary>What a stop ends in, as data: the phase that follows once every process is gone, and why.</summary>
    private sealed record StopPlan(DeploymentPhase Then, string Reason);
}
