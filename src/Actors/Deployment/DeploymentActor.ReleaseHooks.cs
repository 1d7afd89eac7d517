using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Orchestrator.Actors.Processes;
using Orchestrator.Actors.Releases;
using Orchestrator.Config;

namespace Orchestrator.Actors.Deployment;

/// <summary>
/// <c>[hooks]</c>: <c>pre_switch</c> runs once the release is healthy and before its switch (a failure fails the deploy,
/// and the previous deployment never stopped serving); <c>post_switch</c> runs once it is active (a failure is
/// reported, nothing rolls back). Each run is persisted when it starts and when it ends, so a restart in between
/// reports it interrupted and never runs it a second time. Output lines go to the deploy's progress and hooks.log.
/// </summary>
internal sealed partial class DeploymentActor
{
    private const string HooksLogName = "hooks.log";
    private CancellationTokenSource? _hookCancellation;
    private bool _switchBegun;

    /// <summary>Health passed everywhere: the pre_switch hook if there is one, then the switch.</summary>
    private void BeginSwitch()
    {
        if (_switchBegun)
        {
            return;
        }

        _switchBegun = true;
        if (_config!.Hooks.PreSwitch is not { } hook)
        {
            Switch();
            return;
        }

        RunHook(ReleaseHookNames.PreSwitch, hook);
        Become(RunningPreSwitch);
    }

    /// <summary>Probing is over; the hook runs; a process that exits or a stop still ends the deploy.</summary>
    private void RunningPreSwitch()
    {
        CommonCommands();
        DeployFailureCommands();
        PlacementCommands();
        Command<ProcessStarted>(PersistLaunched);
        Command<ReleaseHookOutput>(output => Step($"{output.Hook}: {output.Line}"));
        Command<ReleaseHookDone>(done => RecordHookDone(done, () =>
        {
            if (done.Succeeded)
            {
                Step($"{done.Hook}: {done.Detail}");
                Switch();
            }
            else
            {
                Fail($"{done.Hook} failed: {done.Detail}{OutputTail(done.LastLines)}", removeRoute: false);
            }
        }));
        Command<StopDeployment>(s => StopDuringDeploy(s, removeRoute: false));
    }

    /// <summary>Active now: the post_switch hook if there is one, and the deploy's caller hears once it ended.</summary>
    /// <returns>Whether a hook runs (the caller is told later).</returns>
    private bool RunPostSwitch()
    {
        // Once per deployment: a rollback that reactivates it runs no hook again.
        if (_config!.Hooks.PostSwitch is not { } hook || _state.Hooks.ContainsKey(ReleaseHookNames.PostSwitch))
        {
            return false;
        }

        RunHook(ReleaseHookNames.PostSwitch, hook);
        return true;
    }

    /// <summary>Active or draining: a post_switch hook's lines and end.</summary>
    private void LiveHookCommands()
    {
        Command<ReleaseHookOutput>(output => Step($"{output.Hook}: {output.Line}"));
        Command<ReleaseHookDone>(done => RecordHookDone(done, () =>
        {
            var outcome = done.Succeeded
                ? $"{done.Hook}: {done.Detail}"
                : $"{done.Hook} failed (nothing was rolled back): {done.Detail}{OutputTail(done.LastLines)}";
            if (!done.Succeeded)
            {
                _log.Warning("{0}: {1}", _deploymentId, outcome);
            }

            TellDeploySucceeded(outcome);
        }));
    }

    private void RunHook(string name, ExecHook hook)
    {
        var created = _state.Created!;
        Step($"{name}: running {hook}");
        Persist(new DeploymentHookStarted(name, hook.ToString(), Now), e =>
        {
            Apply(e);
            _hookCancellation = new CancellationTokenSource();
            var self = Self;
            var target = new ReleaseHookTarget(created.ReleasePath, HookEnvironment(name),
                Path.Combine(_services.LogDirectory(created.App, _deploymentId), HooksLogName));
            ReleaseHookRunner
                .RunAsync(name, hook, target, _config!.Hooks.Timeout, line => self.Tell(new ReleaseHookOutput(name, line)), _hookCancellation.Token)
                .PipeTo(self);
        });
    }

    private void RecordHookDone(ReleaseHookDone done, Action then)
    {
        _hookCancellation?.Dispose();
        _hookCancellation = null;
        var outcome = done.Succeeded ? ReleaseHookRecord.Succeeded : ReleaseHookRecord.Failed;
        Persist(new DeploymentHookFinished(done.Hook, outcome, done.Detail, Now), e =>
        {
            Apply(e);
            then();
        });
    }

    /// <summary>The deployment stops or fails: a hook still running is killed (it reports itself as failed, unheard).</summary>
    private void CancelReleaseHook()
    {
        if (_hookCancellation is null)
        {
            return;
        }

        _hookCancellation.Cancel();
        _hookCancellation = null;
        var killed = _state.Hooks.Values.Where(h => h.IsRunning)
            .Select(h => new DeploymentHookFinished(h.Hook, ReleaseHookRecord.Failed, "killed: its deployment stopped before it ended", Now))
            .ToList();
        PersistAllAsync(killed, Apply);
    }

    /// <summary>A recovered deployment whose hook was running when the node died: recorded as interrupted, never run again.</summary>
    private string? RecordInterruptedHooks()
    {
        var interrupted = _state.Hooks.Values.Where(h => h.IsRunning).Select(h => h.Hook).ToList();
        if (interrupted.Count > 0)
        {
            _log.Warning("{0}: its {1} hook was running when the orchestrator stopped; it is not run again", _deploymentId, string.Join(", ", interrupted));
            PersistAll(interrupted.Select(hook => new DeploymentHookFinished(hook, ReleaseHookRecord.Interrupted,
                "the orchestrator restarted while it ran; it was not run again", Now)), Apply);
        }

        return interrupted.Count == 0 ? null : string.Join(", ", interrupted);
    }

    /// <summary>The proxied process's environment (its env, the injected ORCH_* variables) with the hook as the process.</summary>
    private ImmutableDictionary<string, string> HookEnvironment(string name)
    {
        var created = _state.Created!;
        var logs = _services.LogDirectory(created.App, _deploymentId);
        var process = _config!.Proxied ?? new ProcessConfig { Id = name, Policy = ProcessPolicy.Companion, Command = "" };
        var spec = ProcessPlanner.Plan(_config, process, _deploymentId, created.ReleasePath, created.Revision, _state.Ports, logs);
        return spec.Environment.SetItem("ORCH_PROCESS_ID", name).SetItem("ORCH_HOOK", name);
    }
}
