using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Orchestrator.Actors.App;
using Orchestrator.Actors.Config;
using Orchestrator.Actors.Health;
using Orchestrator.Actors.Persistence;
using Orchestrator.Actors.Processes;
using Orchestrator.Actors.Routing;

namespace Orchestrator.Actors.Deployment;

/// <summary>
/// One release of an app, from its first process to its retirement. The deploy reads top to bottom:
/// allocate ports → start companions → start the proxied process → probe its health → switch the route →
/// active. A failure anywhere before the switch stops what was started and leaves the previous deployment
/// serving. Later: drain until idle or the persisted deadline, then remove the route, stop, retire.
/// </summary>
internal sealed partial class DeploymentActor : ReceivePersistentActor, IWithTimers
{
    private static readonly TimeSpan RefusedRetry = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan DrainCheckInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan RouteAskTimeout = TimeSpan.FromSeconds(30);

    private readonly string _deploymentId;
    private readonly DeploymentServices _services;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, IActorRef> _processes = [];
    private DeploymentState _state = DeploymentState.Empty;
    private DeploymentPhase _phase = DeploymentPhase.Pending;
    private AppConfig? _config;
    private IActorRef _progress = ActorRefs.Nobody;
    private HealthResult? _lastHealth;
    private DateTimeOffset _drainSince;
    private bool _failing;

    public DeploymentActor(string deploymentId, DeploymentServices services)
    {
        _deploymentId = deploymentId;
        _services = services;
        Recover<DeploymentCreated>(Apply);
        Recover<DeploymentPortsAllocated>(Apply);
        Recover<DeploymentProcessLaunched>(Apply);
        Recover<DeploymentProcessSurvived>(Apply);
        Recover<DeploymentActivated>(Apply);
        Recover<DeploymentDrainStarted>(Apply);
        Recover<DeploymentRetired>(Apply);
        Recover<DeploymentFailed>(Apply);
        Recover<DeploymentProcessUnhealthy>(Apply);
        Recover<DeploymentProcessRestarted>(Apply);
        Recover<RecoveryCompleted>(_ => OnRecovered());
        Command<GetDeploymentStatus>(_ => ReplyStatus());
        CommandAny(_ => Stash.Stash());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public override string PersistenceId => "deployment-" + _deploymentId;

    public static Props Props(string deploymentId, DeploymentServices services) =>
        Akka.Actor.Props.Create(() => new DeploymentActor(deploymentId, services));

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    private string App => _state.Created?.App ?? "";

    private void Apply(object @event) => _state = _state.Apply(@event);

    // ---- the deploy, top to bottom ----

    private void Idle()
    {
        CommonCommands();
        Command<StartDeployment>(HandleStart);
        Command<ReportDeployOutcome>(_ => Context.Parent.Tell(new DeploymentPhaseChanged(_deploymentId, DeploymentPhase.Pending,
            DeploymentPhase.Failed, "its deploy was interrupted before it started (a journal failure or a daemon restart)")));
        Command<StopDeployment>(s => Sender.Tell(new DeploymentStopped(_deploymentId)));
    }

    private void HandleStart(StartDeployment start)
    {
        var plan = start.Plan;
        _progress = start.Progress;
        _config = plan.Config;
        var created = new DeploymentCreated(plan.DeploymentId, plan.App, plan.ReleasePath, plan.Revision, plan.ConfigToml, plan.ConfigPath, Now);
        var ports = AllocatePorts(plan.Config, out var portError);
        if (portError is not null)
        {
            Persist(created, e =>
            {
                Apply(e);
                Fail(portError);
            });
            return;
        }

        PersistAll(new object[] { created, new DeploymentPortsAllocated(ports) }, e =>
        {
            Apply(e);
            if (e is DeploymentPortsAllocated)
            {
                Transition(DeploymentPhase.Starting, "deploy requested");
                Step(ports.IsEmpty ? "no ports to allocate" : "ports " + string.Join(", ", ports.Select(p => $"{p.Key}={p.Value}")));
                StartProcesses(ProcessPolicy.Companion);
                Become(Starting);
                ContinueStarting();
            }
        });
    }

    private ImmutableDictionary<string, int> AllocatePorts(AppConfig config, out string? error)
    {
        error = null;
        var ports = ImmutableDictionary<string, int>.Empty;
        foreach (var process in config.Processes.Where(p => p.Port is not null && p.Policy != ProcessPolicy.Service))
        {
            var reservation = _services.Ports.Reserve(process.Port!, _deploymentId);
            if (reservation.Port is not { } port)
            {
                error = $"no free port for process '{process.Id}': {reservation.Error}";
                _services.Ports.Release(_deploymentId);
                return ImmutableDictionary<string, int>.Empty;
            }

            ports = ports.Add(process.Id, port);
        }

        return ports;
    }

    private void Starting()
    {
        CommonCommands();
        Command<ProcessStarted>(HandleStartedWhileStarting);
        Command<ProcessExited>(FailExitedDuringDeploy);
        Command<ProcessFailed>(e => Fail($"process '{e.ProcessId}' failed: {e.Reason}{OutputTail(e.RecentOutput)}"));
        Command<FailWithOutput>(f => Fail(f.Reason + OutputTail(f.Output)));
        Command<ProbeTick>(_ => Probe());
        Command<HealthResult>(HandleHealthResult);
        Command<HealthDeadlineReached>(_ => Fail(HealthFailure()));
        Command<StopDeployment>(HandleStop);
    }

    private void HandleStartedWhileStarting(ProcessStarted started)
    {
        PersistLaunched(started);
        Step($"started {started.ProcessId} (pid {started.Pid})");
        ContinueStarting();
    }

    /// <summary>Companions first; once they all run, the proxied process; once it runs, its health.</summary>
    private void ContinueStarting()
    {
        if (!AllStarted(ProcessPolicy.Companion))
        {
            return;
        }

        if (_config!.Proxied is not { } proxied)
        {
            Activate();
        }
        else if (!_processes.ContainsKey(proxied.Id))
        {
            StartProcesses(ProcessPolicy.Proxied);
        }
        else if (_started.Contains(proxied.Id) && _phase == DeploymentPhase.Starting)
        {
            BeginProbing(proxied);
        }
    }

    private void BeginProbing(ProcessConfig proxied)
    {
        var health = HealthOf(proxied);
        Transition(DeploymentPhase.Probing, $"probing {HealthUrl(proxied)} every {health.Interval.TotalMilliseconds:0}ms");
        Timers.StartSingleTimer(HealthDeadlineKey.Instance, HealthDeadlineReached.Instance, health.StartDelay + health.Timeout);
        Timers.StartSingleTimer(ProbeKey.Instance, ProbeTick.Instance, health.StartDelay);
    }

    private void Probe()
    {
        var proxied = _config!.Proxied!;
        var health = HealthOf(proxied);
        var timeout = health.Interval < TimeSpan.FromSeconds(5) ? TimeSpan.FromSeconds(5) : health.Interval;
        var probe = _lastHealth is null or { Kind: HealthResultKind.Refused }
            ? HealthProbe.ProbeWhenListeningAsync(_services.HealthClient, HealthUrl(proxied), health.Timeout, timeout)
            : HealthProbe.ProbeAsync(_services.HealthClient, HealthUrl(proxied), timeout);
        probe.PipeTo(Self);
    }

    private void HandleHealthResult(HealthResult result)
    {
        _lastHealth = result;
        if (_phase != DeploymentPhase.Probing)
        {
            return;
        }

        switch (result.Kind)
        {
            case HealthResultKind.Healthy:
                Timers.Cancel(HealthDeadlineKey.Instance);
                Step($"healthy: {result.Detail}");
                Switch();
                break;
            case HealthResultKind.Refused:
                Timers.StartSingleTimer(ProbeKey.Instance, ProbeTick.Instance, RefusedRetry);
                break;
            default:
                Timers.StartSingleTimer(ProbeKey.Instance, ProbeTick.Instance, HealthOf(_config!.Proxied!).Interval);
                break;
        }
    }

    private void Switch()
    {
        Transition(DeploymentPhase.Switching, "health passed");
        _services.RouteTables
            .Ask<object>(new ActivateRoute(App, _deploymentId, Destinations(), Listener()), RouteAskTimeout)
            .PipeTo(Self, failure: e => new RouteUpdateFailed(App, 0, e.Message));
        Become(Switching);
    }

    private void Switching()
    {
        CommonCommands();
        Command<RouteUpdated>(_ => Activate());
        Command<RouteUpdateFailed>(f => Fail($"the router did not take the new route: {f.Reason}"));
        Command<ProcessStarted>(PersistLaunched);
        Command<ProcessExited>(FailExitedDuringDeploy);
        Command<ProcessFailed>(e => Fail($"process '{e.ProcessId}' failed: {e.Reason}{OutputTail(e.RecentOutput)}"));
        Command<FailWithOutput>(f => Fail(f.Reason + OutputTail(f.Output)));
        Command<HealthResult>(_ => { });
        Command<StopDeployment>(HandleStop);
    }

    private void Activate()
    {
        Persist(new DeploymentActivated(Now), e =>
        {
            Apply(e);
            Transition(DeploymentPhase.Active, "serving traffic");
            _progress.Tell(new DeployProgressed(DeployProgressed.Succeeded, $"deployment {_deploymentId} is active", _deploymentId, "active"));
            _progress = ActorRefs.Nobody;
            Become(Active);
            StartHealthWatch();
        });
    }

    // ---- live: active and draining ----

    private void Active()
    {
        CommonCommands();
        HealthCommands();
        LiveCommands();
        Command<ReportDeployOutcome>(_ => ReportPhase("recovered as active"));
        Command<StartSingletons>(_ => StartProcesses(ProcessPolicy.Singleton));
        Command<BeginDrain>(HandleBeginDrain);
    }

    private void LiveCommands()
    {
        Command<ProcessStarted>(HandleLiveStarted);
        Command<ProcessExited>(HandleLiveExited);
        Command<ProcessUnhealthy>(_ => { });
        Command<ProcessRecovered>(_ => { });
        Command<ProcessFailed>(e => _log.Error("{0}: process {1} failed: {2}", _deploymentId, e.ProcessId, e.Reason));
        Command<ReleaseSingletons>(_ => StopProcesses(ProcessPolicy.Singleton, Sender, new SingletonsReleased(_deploymentId)));
        Command<ProcessStopped>(HandleProcessStopped);
        Command<StopDeployment>(HandleStop);
        Command<RouteUpdated>(_ => { });
        Command<RouteUpdateFailed>(f => _log.Warning("{0}: route update failed: {1}", _deploymentId, f.Reason));
    }

    private void HandleBeginDrain(BeginDrain drain)
    {
        var now = Now;
        var timeout = _config!.Proxy?.DrainTimeout ?? TimeSpan.Zero;
        StopHealthWatch();
        Persist(new DeploymentDrainStarted(now, now + timeout), e =>
        {
            Apply(e);
            Transition(DeploymentPhase.Draining, drain.Reason);
            ArmDrain(now);
        });
    }

    private void ArmDrain(DateTimeOffset since)
    {
        _drainSince = since;
        Become(Draining);
        if (_config!.Proxied is null)
        {
            Retire("no proxied process: nothing to drain");
            return;
        }

        Timers.StartSingleTimer(DrainDeadlineKey.Instance, DrainDeadlineReached.Instance, _state.DrainTimeLeft(Now) ?? TimeSpan.Zero);
        Timers.StartPeriodicTimer(DrainCheckKey.Instance, DrainCheck.Instance, DrainCheckInterval);
        BeginDrainHooks();
    }

    private void Draining()
    {
        CommonCommands();
        LiveCommands();
        Command<StartSingletons>(_ => { });
        Command<BeginDrain>(_ => { });
        Command<DrainCheck>(_ => _services.RouteTables
            .Ask<DrainStatus>(new GetDrainStatus(App, _deploymentId, _drainSince), RouteAskTimeout)
            .PipeTo(Self));
        Command<DrainStatus>(HandleDrainStatus);
        DrainHookCommands();
        Command<DrainDeadlineReached>(_ => Retire("drain deadline reached"));
        Command<Reactivate>(HandleReactivate);
    }

    private void HandleReactivate(Reactivate reactivate)
    {
        Timers.Cancel(DrainCheckKey.Instance);
        Timers.Cancel(DrainDeadlineKey.Instance);
        CancelDrainHooks();
        _progress = reactivate.Progress;
        Step($"reactivating {_deploymentId}: its processes still run");
        Switch();
    }

    private void Retire(string reason)
    {
        Timers.Cancel(DrainCheckKey.Instance);
        Timers.Cancel(DrainDeadlineKey.Instance);
        CancelDrainHooks();
        StopHealthWatch();
        _log.Info("{0}: retiring: {1}", _deploymentId, reason);
        Become(Stopping);
        _services.RouteTables
            .Ask<object>(new RemoveRoute(App, _deploymentId), RouteAskTimeout)
            .ContinueWith(_ => new RouteRemoved(reason))
            .PipeTo(Self);
    }

    // ---- stopping, failing, finished ----

    private void Stopping()
    {
        CommonCommands();
        Command<RouteRemoved>(r => StopAllThen(() => Finish(new DeploymentRetired(Now, r.Reason), DeploymentPhase.Retired, r.Reason)));
        Command<ProcessStopped>(HandleProcessStopped);
        Command<AllStopTimedOut>(_ => CompleteStopAll());
        Command<ProcessStarted>(_ => { });
        Command<ProcessExited>(_ => { });
        Command<ProcessFailed>(_ => { });
        Command<FailWithOutput>(_ => { });
        Command<StopDeployment>(s => _stopReplies.Add(Sender));
        Command<DrainStatus>(_ => { });
        Command<DrainCheck>(_ => { });
        Command<QuietSent>(_ => { });
        Command<DrainHookTick>(_ => { });
        Command<DrainCheckAnswered>(_ => { });
        Command<HealthResult>(_ => { });
        Command<ProcessUnhealthy>(_ => { });
        Command<ProcessRecovered>(_ => { });
        Command<RouteUpdated>(_ => { });
        Command<RouteUpdateFailed>(_ => { });
        Command<ReleaseSingletons>(_ => Sender.Tell(new SingletonsReleased(_deploymentId)));
        Command<Reactivate>(r => Sender.Tell(new ReactivateRefused(_deploymentId, _failing ? AppState.FailedOutcome : AppState.RetiredOutcome, r.Progress)));
    }

    private void Fail(string reason)
    {
        if (_failing)
        {
            return;
        }

        _failing = true;
        Timers.CancelAll();
        _log.Warning("{0}: deploy failed: {1}", _deploymentId, reason);
        Become(Stopping);
        if (_config?.Proxied is not null && _phase is DeploymentPhase.Switching or DeploymentPhase.Starting)
        {
            // The switch may have reached the route table before this deployment could record it.
            _services.RouteTables.Tell(new RemoveRoute(App, _deploymentId));
        }

        StopAllThen(() => Finish(new DeploymentFailed(Now, reason), DeploymentPhase.Failed, reason));
    }

    private void Finish(object @event, DeploymentPhase to, string reason)
    {
        _services.Ports.Release(_deploymentId);
        Persist(@event, e =>
        {
            Apply(e);
            Transition(to, reason);
            if (to == DeploymentPhase.Failed)
            {
                _progress.Tell(new DeployProgressed(DeployProgressed.Failed, reason, _deploymentId, "failed"));
                _progress = ActorRefs.Nobody;
            }

            foreach (var replyTo in _stopReplies)
            {
                replyTo.Tell(new DeploymentStopped(_deploymentId));
            }

            _stopReplies.Clear();
            Become(Finished);
        });
    }

    private void Finished()
    {
        CommonCommands();
        Command<StopDeployment>(_ => Sender.Tell(new DeploymentStopped(_deploymentId)));
        Command<ReleaseSingletons>(_ => Sender.Tell(new SingletonsReleased(_deploymentId)));
        Command<BeginDrain>(_ => { });
        Command<StartSingletons>(_ => { });
        Command<Reactivate>(r => Sender.Tell(new ReactivateRefused(_deploymentId,
            _state.Phase == DeploymentPhase.Failed ? AppState.FailedOutcome : AppState.RetiredOutcome, r.Progress)));
        Command<ReportDeployOutcome>(_ => ReportPhase("recovered as " + _phase.ToDisplay()));
        CommandAny(_ => { });
    }

    private void HandleStop(StopDeployment stop)
    {
        _stopReplies.Add(Sender);
        Timers.CancelAll();
        if (_phase.IsDeploying())
        {
            Fail($"stopped during the deploy: {stop.Reason}");
            return;
        }

        Retire(stop.Reason);
    }

    /// <summary>The journal refused a write: whoever waits on this deploy hears it now, with the journal's error. The actor then stops.</summary>
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        TellDeployFailed(JournalFailure.WriteFailed(cause));
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    /// <summary>
    /// Ports taken before a write the journal refused are given back. While a process of this deployment may still
    /// run (left for adoption), its ports stay reserved for the incarnation that adopts it. A deploy still waiting
    /// on this actor hears that it stopped instead of waiting forever.
    /// </summary>
    protected override void PostStop()
    {
        if (_processes.Count == 0)
        {
            _services.Ports.Release(_deploymentId);
        }

        TellDeployFailed($"deployment {_deploymentId} stopped before the deploy finished (see the daemon log)");
        base.PostStop();
    }

    private void ReportPhase(string reason) => Context.Parent.Tell(new DeploymentPhaseChanged(_deploymentId, _phase, _phase, reason));

    private void TellDeployFailed(string reason)
    {
        _progress.Tell(new DeployProgressed(DeployProgressed.Failed, $"{reason}; the active deployment keeps serving", _deploymentId, "failed"));
        _progress = ActorRefs.Nobody;
    }

    private void CommonCommands()
    {
        Command<GetDeploymentStatus>(_ => ReplyStatus());
        Command<GetDeploymentCreated>(_ => Sender.Tell(_state.Created!));
    }
}
