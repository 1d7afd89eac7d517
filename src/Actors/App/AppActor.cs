using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Persistence;
using Orchestrator.Actors.Processes;
using Orchestrator.Actors.Releases;
using Orchestrator.Actors.Routing;
using Orchestrator.Config;

namespace Orchestrator.Actors.App;

/// <summary>
/// The stack of one app (sharded, entity id = app, remembered so it wakes after a restart): its deployment
/// history, the active deployment, one deploy at a time, and the hand-over from the old deployment to the new.
/// Deployments are its children: a deployment owns OS processes on this host, so it must never be rebalanced
/// away from them the way an entity of its own could be.
/// </summary>
internal sealed partial class AppActor : ReceivePersistentActor
{
    private const int SnapshotEvery = 100;
    private readonly string _app;
    private readonly DeploymentServices _services;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, IActorRef> _deployments = [];
    private readonly Dictionary<string, IActorRef> _singletonsAwaitedBy = [];
    private readonly Dictionary<string, string?> _listenByDeployment = [];
    private AppState _state = AppState.Empty;
    private int _keep = Defaults.RetentionKeep;

    /// <summary>The progress sink of a deploy or rollback whose start is being written: told when the journal refuses it.</summary>
    private IActorRef _progressAwaitingJournal = ActorRefs.Nobody;

    public AppActor(string app, DeploymentServices services)
    {
        _app = app;
        _services = services;
        Recover<AppDeploymentStarted>(Apply);
        Recover<AppDeploymentActivated>(Apply);
        Recover<AppDeploymentEnded>(Apply);
        Recover<AppCanaryStarted>(Apply);
        Recover<AppCanaryRolledBack>(Apply);
        Recover<AppDeploymentsPruned>(Apply);
        Recover<AppStopped>(Apply);
        Recover<AppServicesStarted>(Apply);
        Recover<AppServiceLaunched>(Apply);
        Recover<SnapshotOffer>(o => _state = (AppState)o.Snapshot);
        Recover<RecoveryCompleted>(_ => WakeDeployments());

        Command<DeployApp>(HandleDeploy);
        Command<RollbackApp>(HandleRollback);
        Command<PromoteApp>(HandlePromote);
        Command<RedeployFrom>(HandleRedeployFrom);
        Command<ReactivateRefused>(HandleReactivateRefused);
        Command<DeploymentPhaseChanged>(HandlePhaseChanged);
        Command<SingletonsReleased>(HandleSingletonsReleased);
        Command<StopApp>(HandleStop);
        Command<Terminated>(HandleDeploymentTerminated);
        Command<GetAppStatus>(_ => ReplyStatus());
        Command<SaveSnapshotSuccess>(saved => DeleteMessages(saved.Metadata.SequenceNr));
        Command<SaveSnapshotFailure>(failed => _log.Warning("app {0}: snapshot failed: {1}", _app, failed.Cause.Message));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(failed => _log.Warning("app {0}: deleting old events failed: {1}", _app, failed.Cause.Message));
        ServiceCommands();
        RedeployCommands();
    }

    public override string PersistenceId => "app-" + _app;

    public static Props Props(string app, DeploymentServices services) =>
        Akka.Actor.Props.Create(() => new AppActor(app, services));

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    private void Apply(object @event)
    {
        _state = _state.Apply(@event);
        if (!IsRecovering && LastSequenceNr % SnapshotEvery == 0)
        {
            SaveSnapshot(_state);
        }
    }

    private void WakeDeployments()
    {
        foreach (var id in _state.Deployments.Where(CanWake))
        {
            _deployments[id] = Context.Watch(Context.ActorOf(DeploymentActor.Props(id, _services, _state.StandingOf(id)), id));
        }

        if (_state.DeployInProgress is { } interrupted && _deployments.TryGetValue(interrupted, out var unfinished))
        {
            // The journal may know less of this deploy's end than the deployment does: ask it, so the next deploy
            // is not refused as "already running" forever.
            unfinished.Tell(ReportDeployOutcome.Instance);
        }

        WakeServices();
        _log.Info("app {0} recovered: active {1}, {2} deployments", _app, _state.ActiveDeploymentId ?? "none", _state.Deployments.Count);
    }

    private void HandleDeploy(DeployApp deploy)
    {
        if (_state.DeployInProgress is { } running)
        {
            deploy.Progress.Tell(new DeployRefused(
                $"a deploy of app '{_app}' is already running (deployment {running})",
                "wait for it to finish (`orch status`) and deploy again"));
            return;
        }

        // A Railway app's release is its image: the path is only a label, and need not exist on the control host.
        if (deploy.Config.Railway is null && !Directory.Exists(deploy.ReleasePath))
        {
            deploy.Progress.Tell(new DeployRefused(
                $"release path does not exist: {deploy.ReleasePath}",
                "pass --release-path with the directory of the release to deploy"));
            return;
        }

        if (CanaryProblem(deploy) is { } canaryProblem)
        {
            deploy.Progress.Tell(canaryProblem);
            return;
        }

        var id = deploy.DeploymentId ?? _state.NextDeploymentId(_app, Now);
        if (DeploymentIdProblem(id) is { } badId)
        {
            deploy.Progress.Tell(new DeployRefused(badId, "pass another --deployment-id or none"));
            return;
        }

        if (_state.Deployments.Contains(id))
        {
            deploy.Progress.Tell(new DeployRefused($"deployment id '{id}' is already taken", "pass another --deployment-id or none", IdTaken: true));
            return;
        }

        if (SharedDirectories.Link(_services.StateDirectory, _app, deploy.ReleasePath, deploy.Config.SharedDirs) is { } shared)
        {
            deploy.Progress.Tell(new DeployRefused(shared.Reason, shared.Hint));
            return;
        }

        _keep = deploy.Config.Retention.Keep;
        _listenByDeployment[id] = deploy.Config.Proxy?.Listen;
        var plan = new DeploymentPlan(id, _app, deploy.Config, deploy.ConfigToml, deploy.ConfigPath, deploy.ReleasePath, deploy.Revision, deploy.Railway, deploy.Canary);
        _progressAwaitingJournal = deploy.Progress;
        // Created before the write, so its recovery (empty: nothing was persisted for this id) reads the journal while
        // the write goes on. It does nothing until told to start; if the write fails, this actor stops and it with it.
        var deployment = Context.Watch(Context.ActorOf(DeploymentActor.Props(id, _services), id));
        _deployments[id] = deployment;
        Persist(new AppDeploymentStarted(id, Now), e =>
        {
            _progressAwaitingJournal = ActorRefs.Nobody;
            Apply(e);
            EnsureServices(deploy, plan);
            deployment.Tell(new StartDeployment(plan, deploy.Progress));
        });
    }

    private void HandlePhaseChanged(DeploymentPhaseChanged changed)
    {
        switch (changed.To)
        {
            case DeploymentPhase.Active:
                HandleActivated(changed.DeploymentId);
                break;
            case DeploymentPhase.Canary:
                HandleCanaryLive(changed.DeploymentId);
                break;
            case DeploymentPhase.Failing:
                HandBackIfPromoteFailed(changed.DeploymentId);
                break;
            case DeploymentPhase.Failed:
                EndDeployment(changed.DeploymentId, AppState.FailedOutcome);
                break;
            case DeploymentPhase.Retired:
                EndDeployment(changed.DeploymentId, AppState.RetiredOutcome);
                break;
        }
    }

    private void EndDeployment(string deploymentId, string outcome) =>
        Persist(new AppDeploymentEnded(deploymentId, outcome, Now), e =>
        {
            Apply(e);
            Prune();
        });

    private void HandleActivated(string deploymentId)
    {
        var previous = _state.ActiveDeploymentId;
        if (previous == deploymentId && _state.DeployInProgress != deploymentId)
        {
            return;
        }

        Persist(new AppDeploymentActivated(deploymentId, _listenByDeployment.GetValueOrDefault(deploymentId) ?? _state.Listen, Now), e =>
        {
            Apply(e);
            var next = _deployments[deploymentId];
            if (previous is not null && previous != deploymentId && _deployments.TryGetValue(previous, out var old))
            {
                old.Tell(ReleaseSingletons.Instance, Self);
                old.Tell(new BeginDrain($"replaced by {deploymentId}"));
                _singletonsAwaitedBy[previous] = next;
            }
            else
            {
                next.Tell(StartSingletons.Instance);
            }
        });
    }

    private void HandleSingletonsReleased(SingletonsReleased released)
    {
        if (_singletonsAwaitedBy.Remove(released.DeploymentId, out var next))
        {
            next.Tell(StartSingletons.Instance);
        }
    }

    private void HandleRollback(RollbackApp rollback)
    {
        if (_state.DeployInProgress is { } running)
        {
            rollback.Progress.Tell(new DeployRefused($"a deploy of app '{_app}' is running (deployment {running})", "wait for it to finish"));
            return;
        }

        if (_state.CanaryDeploymentId is { } canary)
        {
            RollBackCanary(canary, rollback);
            return;
        }

        var target = rollback.ToDeploymentId ?? _state.RollbackTarget();
        if (target is null || !_deployments.TryGetValue(target, out var deployment))
        {
            rollback.Progress.Tell(new DeployRefused(
                target is null ? $"app '{_app}' has no earlier deployment to roll back to" : $"app '{_app}' has no deployment '{target}'",
                "see `orch status` for the deployments that can be rolled back to"));
            return;
        }

        if (target == _state.ActiveDeploymentId)
        {
            rollback.Progress.Tell(new DeployRefused($"deployment {target} is already active", null));
            return;
        }

        if (!_state.Ended.Contains(target))
        {
            _progressAwaitingJournal = rollback.Progress;
            Persist(new AppDeploymentStarted(target, Now), e =>
            {
                _progressAwaitingJournal = ActorRefs.Nobody;
                Apply(e);
                deployment.Tell(new Reactivate(rollback.Progress));
            });
            return;
        }

        deployment.Ask<DeploymentCreated>(GetDeploymentCreated.Instance, TimeSpan.FromSeconds(5))
            .PipeTo(Self, success: created => new RedeployFrom(created, rollback.Progress),
                failure: e => new RedeployFrom(null, rollback.Progress));
    }

    /// <summary>The rollback's target finished its drain just before the rollback reached it: redeploy its release instead.</summary>
    private void HandleReactivateRefused(ReactivateRefused refused) =>
        Persist(new AppDeploymentEnded(refused.DeploymentId, refused.Outcome, Now), e =>
        {
            Apply(e);
            if (!_deployments.TryGetValue(refused.DeploymentId, out var deployment))
            {
                refused.Progress.Tell(new DeployRefused($"deployment {refused.DeploymentId} is gone", "deploy its release again with `orch deploy`"));
                return;
            }

            deployment.Ask<DeploymentCreated>(GetDeploymentCreated.Instance, TimeSpan.FromSeconds(5))
                .PipeTo(Self, success: created => new RedeployFrom(created, refused.Progress),
                    failure: _ => new RedeployFrom(null, refused.Progress));
        });

    private void HandleRedeployFrom(RedeployFrom redeploy)
    {
        if (redeploy.Created is not { } created)
        {
            redeploy.Progress.Tell(new DeployRefused("the deployment to roll back to did not answer", "try again"));
            return;
        }

        var parsed = created.LoadConfig();
        if (parsed.Config is not { } config)
        {
            redeploy.Progress.Tell(new DeployRefused($"the config of {created.DeploymentId} no longer loads", string.Join("; ", parsed.Problems)));
            return;
        }

        var why = redeploy.Why ?? $"{created.DeploymentId} is no longer running: redeploying its release";
        redeploy.Progress.Tell(new DeployProgressed(DeployProgressed.Step, $"{why} {created.ReleasePath} (revision {created.Revision})", null, null));
        HandleDeploy(new DeployApp(_app, config, created.ConfigToml, created.ConfigPath, created.ReleasePath, created.Revision, null, redeploy.Progress, created.Railway));
    }

    /// <summary>
    /// A deployment stopped without being pruned: its journal failed. This app stops too, so sharding starts it again
    /// after its entity restart backoff and every deployment recovers from the journal (adopting its processes).
    /// </summary>
    private void HandleDeploymentTerminated(Terminated terminated)
    {
        var stopped = _deployments.FirstOrDefault(d => d.Value.Equals(terminated.ActorRef)).Key;
        if (stopped is null)
        {
            return;
        }

        _log.Warning("app {0}: deployment {1} stopped unexpectedly (its journal failed?); restarting the app to recover it", _app, stopped);
        Context.Stop(Self);
    }

    /// <summary>The journal refused a write: the deploy waiting on it fails now, with the journal's error. The actor then stops.</summary>
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _progressAwaitingJournal.Tell(new DeployProgressed(DeployProgressed.Failed,
            $"{JournalFailure.WriteFailed(cause)}; the active deployment keeps serving", null, "failed"));
        _progressAwaitingJournal = ActorRefs.Nobody;
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    private void Prune()
    {
        var prune = _state.ToPrune(_keep);
        if (prune.IsEmpty)
        {
            return;
        }

        Persist(new AppDeploymentsPruned(prune), e =>
        {
            Apply(e);
            foreach (var id in e.DeploymentIds)
            {
                if (_deployments.Remove(id, out var child))
                {
                    Context.Unwatch(child);
                    Context.Stop(child);
                }

                DeleteLogs(id);
            }
        });
    }

    /// <param name="Why">What the progress says first; null: the rollback's target is no longer running.</param>
    private sealed record RedeployFrom(DeploymentCreated? Created, IActorRef Progress, string? Why = null);
}
