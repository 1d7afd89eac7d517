using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Orchestrator.Actors.App;
using Orchestrator.Actors.Health;
using Orchestrator.Actors.Hosts;
using Orchestrator.Actors.Persistence;
using Orchestrator.Actors.Processes;
using Orchestrator.Actors.Railway;
using Orchestrator.Actors.Routing;
using Orchestrator.Config;

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
    private readonly AppStanding _standing;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, IActorRef> _processes = [];
    private DeploymentState _state = DeploymentState.Empty;
    private DeploymentPhase _phase = DeploymentPhase.Pending;
    private AppConfig? _config;
    private IActorRef _progress = ActorRefs.Nobody;
    private HealthResult? _lastHealth;
    private int _failedProbes;
    private DateTimeOffset _drainSince;

    /// <param name="standing">What the app's journal says of this deployment when the app wakes it after a restart.</param>
    public DeploymentActor(string deploymentId, DeploymentServices services, AppStanding standing = AppStanding.AsJournaled)
    {
        _deploymentId = deploymentId;
        _services = services;
        _standing = standing;
        Recover<IPersistedEvent>(Apply);
        Recover<RecoveryCompleted>(_ => OnRecovered());
        Command<GetDeploymentStatus>(_ => ReplyStatus());
        CommandAny(_ => Stash.Stash());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public override string PersistenceId => "deployment-" + _deploymentId;

    public static Props Props(string deploymentId, DeploymentServices services, AppStanding standing = AppStanding.AsJournaled) =>
        Akka.Actor.Props.Create(() => new DeploymentActor(deploymentId, services, standing));

    /// <summary>The scheduler's clock: virtual under a TestScheduler, so deadline specs need not wait.</summary>
    private DateTimeOffset Now => Context.System.Scheduler.Now;

    private string App => _state.Created?.App ?? "";

    private void Apply(IPersistedEvent @event) => _state = _state.Apply(@event);

    // ---- the deploy, top to bottom ----

    private void Idle()
    {
        CommonCommands();
        Command<StartDeployment>(HandleStart);
        Command<ReportDeployOutcome>(_ => Context.Parent.Tell(new DeploymentPhaseChanged(_deploymentId, DeploymentPhase.Pending,
            DeploymentPhase.Failed, InterruptedDeploy.BeforeStart)));
        Command<StopDeployment>(s => Sender.Tell(new DeploymentStopped(_deploymentId)));
    }

    private void HandleStart(StartDeployment start)
    {
        var plan = start.Plan;
        _progress = start.Progress;
        _config = plan.Config;
        _canary = plan.Canary;
        var created = new DeploymentCreated(plan.DeploymentId, plan.App, plan.ReleasePath, plan.Revision, plan.ConfigToml, plan.ConfigPath, Now, plan.Railway);
        var ports = AllocatePorts(plan.Config, out var portError);
        portError ??= RailwayRuntimeMissing(plan.Config);
        if (portError is not null)
        {
            Persist(created, e =>
            {
                Apply(e);
                Fail(portError, removeRoute: false);
            });
            return;
        }

        PersistAll(new IPersistedEvent[] { created, new DeploymentPortsAllocated(ports) }, e =>
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
        if (config.Railway is { } railway)
        {
            // Railway gives each deployment its own service and address: the port is its own, never this host's.
            return ImmutableDictionary<string, int>.Empty.Add(RailwayConfig.ProxiedProcessId, railway.Port);
        }

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
        DeployFailureCommands();
        PlacementCommands();
        Command<ProcessStarted>(HandleStartedWhileStarting);
        Command<StopDeployment>(s => StopDuringDeploy(s, removeRoute: false));
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
            PlaceOtherInstances();
        }
        else if (_started.Contains(proxied.Id))
        {
            BeginProbing(proxied);
        }
    }

    private void BeginProbing(ProcessConfig proxied)
    {
        var health = HealthOf(proxied);
        Transition(DeploymentPhase.Probing, $"probing {HealthUrl(proxied)} every {health.Interval.TotalMilliseconds:0}ms");
        Timers.StartSingleTimer(HealthDeadlineKey.Instance, HealthDeadlineReached.Instance, health.StartDelay + health.Timeout);
        if (health.StartDelay > TimeSpan.Zero)
        {
            Timers.StartSingleTimer(ProbeKey.Instance, ProbeTick.Instance, health.StartDelay);
        }
        else
        {
            // Not through a timer: the scheduler's tick (10 ms) would be the first thing a fast app waits for.
            Self.Tell(ProbeTick.Instance);
        }

        Become(Probing);
    }

    private void Probing()
    {
        CommonCommands();
        DeployFailureCommands();
        PlacementCommands();
        Command<ProcessStarted>(PersistLaunched);
        Command<ProbeTick>(_ => Probe());
        Command<HealthResult>(HandleHealthResult);
        Command<HealthDeadlineReached>(_ => Fail(HealthFailure(), removeRoute: false));
        Command<StopDeployment>(s => StopDuringDeploy(s, removeRoute: false));
    }

    /// <summary>What fails a deploy in every phase before the switch completes: a process that exits or cannot run.</summary>
    /// <param name="removeRoute">Once the switch was asked for, it may have reached the route table before this deployment could record it.</param>
    private void DeployFailureCommands(bool removeRoute = false)
    {
        Command<ProcessExited>(e => FailExitedDuringDeploy(e, removeRoute));
        Command<ProcessFailed>(e => Fail($"process '{e.ProcessId}' failed: {e.Reason}{OutputTail(e.RecentOutput)}", removeRoute));
        Command<FailWithOutput>(f => Fail(f.Reason + OutputTail(f.Output), f.RemoveRoute));
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
        switch (result.Kind)
        {
            case HealthResultKind.Healthy:
                Timers.Cancel(HealthDeadlineKey.Instance);
                Step($"healthy: {result.Detail}");
                _proxiedHealthy = true;
                SwitchOnceAllHealthy();
                break;
            case HealthResultKind.Refused:
                Timers.StartSingleTimer(ProbeKey.Instance, ProbeTick.Instance, RefusedRetry);
                break;
            default:
                Timers.StartSingleTimer(ProbeKey.Instance, ProbeTick.Instance,
                    DeploymentDecisions.NextProbe(++_failedProbes, HealthOf(_config!.Proxied!).Interval));
                break;
        }
    }

    private void Switch(string reason = "health passed")
    {
        Transition(DeploymentPhase.Switching, reason);
        _services.RouteTables
            .Ask<object>(ActivateRouteCommand(), RouteAskTimeout)
            .PipeTo(Self, failure: e => new RouteUpdateFailed(App, 0, e.Message));
        Become(Switching);
    }

    private void Switching()
    {
        CommonCommands();
        DeployFailureCommands(removeRoute: true);
        Command<RouteUpdated>(SwitchedOn);
        Command<RouteUpdateFailed>(f => Fail($"the router did not take the new route: {f.Reason}", removeRoute: true));
        Command<ProcessStarted>(PersistLaunched);
        Command<InstanceRelaunched>(RecordRelaunched);
        Command<StopDeployment>(s => StopDuringDeploy(s, removeRoute: true));
    }

    private void SwitchedOn(RouteUpdated updated)
    {
        if (!updated.Unreached.IsEmpty)
        {
            Step($"router replicas {string.Join(", ", updated.Unreached)} are unreachable: they get route table version {updated.Table.Version} when they are back");
        }

        if (_canary is { } canary)
        {
            ServeAsCanary(canary);
            return;
        }

        Activate();
    }

    private void Activate()
    {
        Persist(new DeploymentActivated(Now), e =>
        {
            Apply(e);
            Transition(DeploymentPhase.Active, "serving traffic");
            Become(Active);
            if (!RunPostSwitch())
            {
                TellDeploySucceeded(null);
            }

            WatchMembers();
            TellRailwayServicePromoted();
            StartHealthWatch();
        });
    }

    // ---- live: active and draining ----

    private void Active()
    {
        CommonCommands();
        HealthCommands();
        LiveCommands();
        LiveInstanceCommands(replace: true);
        Command<ReportDeployOutcome>(_ => ReportPhase("recovered as active"));
        Command<StartSingletons>(_ => StartProcesses(ProcessPolicy.Singleton));
        Command<BeginDrain>(HandleBeginDrain);
        Command<ReclaimRoute>(_ => ClaimActiveRoute("the promote that was to replace it failed"));
    }

    /// <summary>Registers this deployment's route again (after a restart, or when a promote that took it failed).</summary>
    private void ClaimActiveRoute(string reason)
    {
        if (_config!.Proxied is null)
        {
            return;
        }

        _log.Info("{0}: claiming the active route ({1})", _deploymentId, reason);
        _services.RouteTables.Tell(ActivateRouteCommand());
    }

    private void LiveCommands()
    {
        Command<ProcessStarted>(HandleLiveStarted);
        Command<ProcessExited>(HandleLiveExited);
        Command<ProcessFailed>(e => _log.Error("{0}: process {1} failed: {2}", _deploymentId, e.ProcessId, e.Reason));
        Command<ReleaseSingletons>(_ => StopProcesses(ProcessPolicy.Singleton, Sender, new SingletonsReleased(_deploymentId)));
        Command<ProcessStopped>(HandleSingletonStopped);
        Command<StopDeployment>(HandleStop);
        Command<RouteUpdateFailed>(f => _log.Warning("{0}: route update failed: {1}", _deploymentId, f.Reason));
        LiveHookCommands();
    }

    /// <summary>The deploy's caller hears it is active (with the post_switch hook's outcome, when one ran).</summary>
    private void TellDeploySucceeded(string? postSwitch)
    {
        var message = $"deployment {_deploymentId} is active" + (postSwitch is null ? "" : $"; {postSwitch}");
        _progress.Tell(new DeployProgressed(DeployProgressed.Succeeded, message, _deploymentId, "active"));
        _progress = ActorRefs.Nobody;
    }

    private void HandleBeginDrain(BeginDrain drain)
    {
        var now = Now;
        var timeout = _config!.Proxy?.DrainTimeout ?? TimeSpan.Zero;
        StopHealthWatch();
        _canary = null;
        _progress = drain.Progress ?? ActorRefs.Nobody;
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
        if (_config!.Proxied is null)
        {
            Retire("no proxied process: nothing to drain");
            return;
        }

        Become(Draining);
        _services.RouteTables.Tell(new RegisterDrainingRoute(App, _deploymentId, Destinations(), Listener(), _state.DrainDeadline));
        Timers.StartSingleTimer(DrainDeadlineKey.Instance, DrainDeadlineReached.Instance, _state.DrainTimeLeft(Now) ?? TimeSpan.Zero);
        Timers.StartPeriodicTimer(DrainCheckKey.Instance, DrainCheck.Instance, DrainCheckInterval);
        BeginDrainHooks();
    }

    /// <summary>Draining, with checks: the route table's counts and each process's <c>drain_check</c> decide, or the deadline.</summary>
    private void Draining()
    {
        CommonCommands();
        LiveCommands();
        LiveInstanceCommands(replace: false);
        Command<DrainCheck>(_ => _services.RouteTables
            .Ask<DrainStatus>(new GetDrainStatus(App, _deploymentId, _drainSince), RouteAskTimeout)
            .PipeTo(Self));
        Command<DrainStatus>(HandleDrainStatus);
        DrainHookCommands();
        Command<DrainDeadlineReached>(_ => HandleDrainDeadline());
        Command<Reactivate>(HandleReactivate);
        // The table holds the drain deadline now: routers enforce it on their own. A rolled-back canary's rollback ends here.
        Command<RouteUpdated>(_ => TellRolledBack());
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

    // ---- stopping, failing, finished ----

    /// <summary>The drain is over (or the app stops): the route goes first, so replicas abort what is still open; then the processes.</summary>
    private void Retire(string reason)
    {
        Timers.CancelAll();
        CancelReleaseHook();
        if (_state.Hooks.GetValueOrDefault(ReleaseHookNames.PostSwitch) is { IsRunning: true })
        {
            TellDeploySucceeded($"{ReleaseHookNames.PostSwitch} was killed: the deployment retired before it ended");
        }

        CancelDrainHooks();
        StopHealthWatch();
        Transition(DeploymentPhase.Stopping, reason);
        Become(RemovingRoute);
        _services.RouteTables
            .Ask<object>(new RemoveRoute(App, _deploymentId), RouteAskTimeout)
            .ContinueWith(_ => new RouteRemoved(reason))
            .PipeTo(Self);
    }

    /// <summary>Stopping, first step: waiting for the route table to drop the route.</summary>
    private void RemovingRoute()
    {
        CommonCommands();
        StopCommands(DeploymentPhase.Retired);
        Command<RouteRemoved>(r => BeginStop(new StopPlan(DeploymentPhase.Retired, r.Reason)));
    }

    private void Fail(string reason, bool removeRoute)
    {
        Timers.CancelAll();
        CancelReleaseHook();
        _log.Warning("{0}: deploy failed: {1}", _deploymentId, reason);
        Transition(DeploymentPhase.Failing, reason);
        if (removeRoute && _config?.Proxied is not null)
        {
            _services.RouteTables.Tell(new RemoveRoute(App, _deploymentId));
        }

        BeginStop(new StopPlan(DeploymentPhase.Failed, reason));
    }

    /// <summary>
    /// Persists each process's absolute SIGKILL time before the first SIGTERM, so a restarted node finishes this stop
    /// (<see cref="Resumption.FinishStop"/>) instead of signalling again or starting the grace from zero.
    /// </summary>
    private void BeginStop(StopPlan plan)
    {
        var now = Now;
        var killAt = DeploymentDecisions.KillDeadlines(_processes.Keys.Select(id => (id, GracefulStopOf(id))).Concat(InstanceGrace()), now);
        Become(() => StoppingProcesses(plan));
        Persist(new DeploymentStopStarted(now, plan.Reason, plan.Then, killAt), e =>
        {
            Apply(e);
            StopAll(e.KillAt, plan);
        });
    }

    /// <summary>Stopping (or failing): every process got SIGTERM and is SIGKILLed at its persisted deadline; then <see cref="StopPlan.Then"/>.</summary>
    private void StoppingProcesses(StopPlan plan)
    {
        CommonCommands();
        StopCommands(plan.Then);
        Command<ProcessStopped>(HandleProcessStopped(plan));
        StoppingInstanceCommands(() =>
        {
            if (_processes.Count == 0 && InstancesStopped)
            {
                CompleteStop(plan);
            }
        });
        Command<AllStopTimedOut>(_ => CompleteStop(plan));
    }

    private void StopCommands(DeploymentPhase then)
    {
        Command<StopDeployment>(_ => _stopReplies.Add(Sender));
        Command<ReleaseSingletons>(_ => Sender.Tell(new SingletonsReleased(_deploymentId)));
        Command<Reactivate>(r => Sender.Tell(new ReactivateRefused(_deploymentId, OutcomeOf(then), r.Progress)));
    }

    private void Finish(StopPlan plan)
    {
        _services.Ports.Release(_deploymentId);
        IPersistedEvent finished = plan.Then == DeploymentPhase.Failed ? new DeploymentFailed(Now, plan.Reason) : new DeploymentRetired(Now, plan.Reason);
        Persist(finished, e =>
        {
            Apply(e);
            Transition(plan.Then, plan.Reason);
            if (plan.Then == DeploymentPhase.Failed)
            {
                _progress.Tell(new DeployProgressed(DeployProgressed.Failed, plan.Reason, _deploymentId, "failed"));
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
        Command<Reactivate>(r => Sender.Tell(new ReactivateRefused(_deploymentId, OutcomeOf(_state.Phase), r.Progress)));
        Command<ReportDeployOutcome>(_ => ReportPhase("recovered as " + _phase.ToDisplay()));
        Command<RemoveStoppedDeployment>(RemoveLeftOnRailway);
        StoppingInstanceCommands(() => { });
        Command<RailwayDeletionAccepted>(_ => { });
    }

    private static string OutcomeOf(DeploymentPhase finished) =>
        finished == DeploymentPhase.Failed ? AppState.FailedOutcome : AppState.RetiredOutcome;

    /// <summary>A stop while deploying fails the deploy; the previous deployment keeps serving.</summary>
    private void StopDuringDeploy(StopDeployment stop, bool removeRoute)
    {
        _stopReplies.Add(Sender);
        Fail($"stopped during the deploy: {stop.Reason}", removeRoute);
    }

    private void HandleStop(StopDeployment stop)
    {
        _stopReplies.Add(Sender);
        Retire(stop.Reason);
    }

    /// <summary>
    /// What no behavior handles is a late answer for an earlier phase (a probe, a drain poll, a process event while
    /// stopping): logged and dropped, never stashed.
    /// </summary>
    protected override void Unhandled(object message)
    {
        if (message is Terminated)
        {
            base.Unhandled(message);
            return;
        }

        _log.Debug("{0}: {1} ignores {2}", _deploymentId, _phase.ToDisplay(), message.GetType().Name);
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
        RailwayCommands();
    }
}
