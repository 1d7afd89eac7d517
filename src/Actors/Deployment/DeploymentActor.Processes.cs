using System.Collections.Immutable;
using Akka.Actor;
using Orchestrator.Actors.Config;
using Orchestrator.Actors.Processes;

namespace Orchestrator.Actors.Deployment;

/// <summary>The deployment's OS processes: one <see cref="ProcessActor"/> child each.</summary>
internal sealed partial class DeploymentActor
{
    private readonly HashSet<string> _started = [];
    private readonly List<IActorRef> _stopReplies = [];
    private readonly Dictionary<string, PendingStop> _pendingStops = [];
    private Action? _afterStopAll;

    private void StartProcesses(ProcessPolicy policy, bool adopt = false)
    {
        var created = _state.Created!;
        foreach (var process in _config!.Processes.Where(p => p.Policy == policy))
        {
            var spec = ProcessPlanner.Plan(_config, process, _deploymentId, created.ReleasePath, created.Revision, _state.Ports,
                _services.LogDirectory(created.App, _deploymentId));
            var adoptable = adopt && _state.Launched.TryGetValue(process.Id, out var launched)
                ? new AdoptableProcess(launched.Pid, launched.StartTimeTicks)
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
        if (started.Adopted)
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

    /// <summary>Stops every process, companions last (they may serve the proxied one), then runs <paramref name="then"/>.</summary>
    private void StopAllThen(Action then)
    {
        _afterStopAll = then;
        if (_processes.Count == 0)
        {
            CompleteStopAll();
            return;
        }

        foreach (var (id, process) in _processes)
        {
            process.Tell(new StopProcess($"deployment {_deploymentId} stopping"));
        }

        var longestGrace = _config?.Processes.Select(p => p.GracefulStop).Append(_config.Proxy?.StopTimeout ?? TimeSpan.Zero).Max() ?? TimeSpan.Zero;
        Timers.StartSingleTimer(AllStopTimedOutKey.Instance, AllStopTimedOut.Instance, longestGrace + TimeSpan.FromSeconds(10));
    }

    private void HandleProcessStopped(ProcessStopped stopped)
    {
        if (!stopped.Survivors.IsDefaultOrEmpty)
        {
            PersistAsync(new DeploymentProcessSurvived(stopped.ProcessId, stopped.Survivors), Apply);
        }

        if (_pendingStops.Remove(stopped.ProcessId, out var pending))
        {
            pending.Waiting.Remove(stopped.ProcessId);
            if (pending.Waiting.Count == 0)
            {
                pending.ReplyTo.Tell(pending.Reply);
            }

            Context.Stop(_processes[stopped.ProcessId]);
            _processes.Remove(stopped.ProcessId);
            _started.Remove(stopped.ProcessId);
            return;
        }

        if (_processes.Remove(stopped.ProcessId, out var child))
        {
            Context.Stop(child);
        }

        if (_afterStopAll is not null && _processes.Count == 0)
        {
            CompleteStopAll();
        }
    }

    private void CompleteStopAll()
    {
        Timers.Cancel(AllStopTimedOutKey.Instance);
        foreach (var child in _processes.Values)
        {
            Context.Stop(child);
        }

        _processes.Clear();
        var then = _afterStopAll;
        _afterStopAll = null;
        then?.Invoke();
    }

    /// <summary>A process died before the switch: fail with its exit and its last output.</summary>
    private void FailExitedDuringDeploy(ProcessExited exited)
    {
        var how = exited.Signal is { } signal ? $"killed by {signal}" : $"exit code {exited.ExitCode}";
        var reason = $"process '{exited.ProcessId}' exited during the deploy ({how})";
        if (!_processes.TryGetValue(exited.ProcessId, out var process))
        {
            Fail(reason);
            return;
        }

        process.Ask<RecentOutput>(new GetRecentOutput(20), TimeSpan.FromSeconds(2))
            .ContinueWith(t => new FailWithOutput(reason, t.IsCompletedSuccessfully ? t.Result.Lines : []))
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
}
