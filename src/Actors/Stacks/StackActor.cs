using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Orchestrator.Actors.App;
using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Persistence;
using Orchestrator.Config;

namespace Orchestrator.Actors.Stacks;

/// <summary>
/// One stack (sharded, entity id = stack, remembered so it wakes after a restart): one run at a time, its apps deployed
/// through their app entities as any deploy is, each as soon as everything it depends on went active, nothing new once
/// one failed. Every step is journaled before it is taken, so a restarted daemon resumes the run where it was: a deploy
/// that was in flight is looked up at its app entity rather than sent twice.
/// </summary>
internal sealed class StackActor : ReceivePersistentActor, IWithTimers
{
    /// <summary>A deploy that a daemon restart interrupted is sent once more; one that failed by itself never is.</summary>
    private const int MaxAttempts = 2;
    private const int MaxIdAttempts = 5;

    /// <summary>
    /// How often the apps deploying are asked how it goes. A deploy's progress sink tells its end first; asking covers
    /// a sink that was lost (a restart, the app's actor restarted by its supervisor), so a run never waits forever.
    /// </summary>
    private static readonly TimeSpan ResolveEvery = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);
    private readonly string _stack;
    private readonly IActorRef _apps;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    /// <summary>Apps whose deploy was in flight at the restart: one their app never heard of is sent again.</summary>
    private readonly HashSet<string> _resolving = [];
    private readonly HashSet<string> _asking = [];
    private StackRun? _run;

    public StackActor(string stack, IActorRef apps)
    {
        _stack = stack;
        _apps = apps;
        Recover<StackRunStarted>(e => _run = StackRun.Start(e));
        Recover<IPersistedEvent>(e => _run = _run?.Apply(e));
        Recover<RecoveryCompleted>(_ => Resume());

        Command<RunStack>(HandleRun);
        Command<GetStackStatus>(_ => Sender.Tell(new StackStatusView(_stack, _run)));
        Command<StepFinished>(HandleStepFinished);
        Command<ResolveInFlight>(_ => AskInFlight());
        Command<InFlightAnswer>(HandleInFlightAnswer);
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(failed => _log.Warning("stack {0}: deleting earlier runs failed: {1}", _stack, failed.Cause.Message));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public override string PersistenceId => "stack-" + _stack;

    public static Props Props(string stack, IActorRef apps) => Akka.Actor.Props.Create(() => new StackActor(stack, apps));

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    private void HandleRun(RunStack run)
    {
        if (_run is { IsRunning: true } running)
        {
            Sender.Tell(new StackRunRefused(
                $"stack '{_stack}' is already running (run {running.RunId}, started {running.StartedAt:u})",
                $"wait for it to end, or follow it with `orch stack status {_stack} --follow`"));
            return;
        }

        if (run.Apps.IsEmpty || StackOrder.Topological([.. run.Apps.Select(a => (a.App, (IReadOnlyList<string>)a.DependsOn))]) is null)
        {
            Sender.Tell(new StackRunRefused($"stack '{_stack}' has no apps or a dependency cycle", "`orch validate --stack` names the problem"));
            return;
        }

        var replyTo = Sender;
        var runId = $"{_stack}-{Now.UtcDateTime:yyMMdd-HHmmss}";
        Persist(new StackRunStarted(runId == _run?.RunId ? runId + "-2" : runId, run.Apps, Now), e =>
        {
            // The journal keeps the latest run only: recovery replays one run, however many came before.
            if (LastSequenceNr > 1)
            {
                DeleteMessages(LastSequenceNr - 1);
            }

            _run = StackRun.Start(e);
            _log.Info("stack {0}: run {1} started with {2} apps", _stack, e.RunId, e.Apps.Length);
            replyTo.Tell(new StackRunAccepted(_stack, e.RunId));
            Advance();
        });
    }

    /// <summary>Ends the run when nothing more can happen, else starts every app whose dependencies are deployed.</summary>
    private void Advance()
    {
        if (_run is not { IsRunning: true } run)
        {
            return;
        }

        if (run.Finished() is { } outcome)
        {
            Persist(new StackRunEnded(run.RunId, outcome, Now), e =>
            {
                Apply(e);
                _log.Info("stack {0}: run {1} {2}", _stack, e.RunId, e.Outcome);
            });
            return;
        }

        var starts = run.Ready().Select(s => new StackAppDeployStarted(run.RunId, s.App.App, NewDeploymentId(s), Now)).ToList();
        PersistAll(starts, e =>
        {
            Apply(e);
            SendDeploy(e.App, e.DeploymentId);
        });
    }

    private void SendDeploy(string app, string deploymentId)
    {
        var step = _run!.Step(app)!.App;
        var loaded = AppConfigLoader.Load(step.ConfigToml, step.ConfigPath);
        if (loaded.Config is not { } config)
        {
            Self.Tell(new StepFinished(app, deploymentId, false, $"its config no longer loads: {string.Join("; ", loaded.Problems)}"));
            return;
        }

        _log.Info("stack {0}: deploying {1} as {2}", _stack, app, deploymentId);
        var sink = Context.ActorOf(StackStepSink.Props(app, deploymentId));
        _apps.Tell(new DeployApp(app, config, step.ConfigToml, step.ConfigPath, step.ReleasePath, step.Revision, deploymentId, sink));
        if (!Timers.IsTimerActive(nameof(ResolveInFlight)))
        {
            Timers.StartPeriodicTimer(nameof(ResolveInFlight), ResolveInFlight.Instance, ResolveEvery);
        }
    }

    private void HandleStepFinished(StepFinished finished)
    {
        if (_run?.Step(finished.App) is not { State: StackStep.Deploying } step || step.DeploymentId != finished.DeploymentId)
        {
            return;
        }

        _resolving.Remove(finished.App);
        if (finished.Succeeded)
        {
            Persist(new StackAppDeploySucceeded(_run.RunId, finished.App, finished.DeploymentId, Now), e =>
            {
                Apply(e);
                _log.Info("stack {0}: {1} deployed ({2})", _stack, e.App, e.DeploymentId);
                Advance();
            });
        }
        else if (finished.IdTaken && step.Attempts < MaxIdAttempts)
        {
            // A plain deploy of the app took this second's id first: the step goes on under the next free one.
            Persist(new StackAppDeployStarted(_run.RunId, finished.App, NewDeploymentId(step), Now), e =>
            {
                _log.Info("stack {0}: {1}'s deployment id {2} was taken; deploying it as {3}", _stack, e.App, finished.DeploymentId, e.DeploymentId);
                Apply(e);
                SendDeploy(e.App, e.DeploymentId);
            });
        }
        else if (InterruptedDeploy.Is(finished.Message) && step.Attempts < MaxAttempts)
        {
            Persist(new StackAppDeployStarted(_run.RunId, finished.App, NewDeploymentId(step), Now), e =>
            {
                _log.Info("stack {0}: {1}'s deploy {2} was interrupted by a restart; deploying it again", _stack, e.App, finished.DeploymentId);
                Apply(e);
                SendDeploy(e.App, e.DeploymentId);
            });
        }
        else
        {
            Persist(new StackAppDeployFailed(_run.RunId, finished.App, finished.DeploymentId, finished.Message, Now), e =>
            {
                Apply(e);
                _log.Warning("stack {0}: {1} failed ({2}): {3}; starting nothing more", _stack, e.App, e.DeploymentId, e.Reason);
                Advance();
            });
        }
    }

    private void Resume()
    {
        if (_run is not { IsRunning: true } run)
        {
            return;
        }

        _resolving.UnionWith(run.Steps.Where(s => s.State == StackStep.Deploying).Select(s => s.App.App));
        _log.Info("stack {0}: resuming run {1}; asking {2} app(s) how their deploy went", _stack, run.RunId, _resolving.Count);
        if (_resolving.Count > 0)
        {
            Timers.StartPeriodicTimer(nameof(ResolveInFlight), ResolveInFlight.Instance, TimeSpan.Zero, ResolveEvery);
        }

        Advance();
    }

    private void AskInFlight()
    {
        var deploying = _run?.Steps.Where(s => s.State == StackStep.Deploying).ToList() ?? [];
        if (deploying.Count == 0)
        {
            Timers.Cancel(nameof(ResolveInFlight));
            return;
        }

        foreach (var step in deploying.Where(s => _asking.Add(s.App.App)))
        {
            var (app, deploymentId) = (step.App.App, step.DeploymentId!);
            _apps.Ask<object>(new GetAppStatus(app), AskTimeout)
                .PipeTo(Self, success: reply => new InFlightAnswer(app, deploymentId, reply), failure: e => new InFlightAnswer(app, deploymentId, e));
        }
    }

    private void HandleInFlightAnswer(InFlightAnswer answer)
    {
        _asking.Remove(answer.App);
        if (_run?.Step(answer.App) is not { State: StackStep.Deploying } step || step.DeploymentId != answer.DeploymentId
            || answer.Reply is not AppStatusView view)
        {
            return;
        }

        var (outcome, reason) = InFlightResolution.Of(view, answer.DeploymentId);
        if (outcome == InFlightOutcome.StillRunning || (outcome == InFlightOutcome.NeverStarted && !_resolving.Contains(answer.App)))
        {
            // Just sent, the app may not have recorded it yet: only a deploy sent before a restart can be lost on the way.
            return;
        }

        _log.Info("stack {0}: {1}'s deploy {2}, asked of the app: {3}", _stack, answer.App, answer.DeploymentId, outcome);
        switch (outcome)
        {
            case InFlightOutcome.WentActive:
                HandleStepFinished(new StepFinished(answer.App, answer.DeploymentId, true, "went active"));
                break;
            case InFlightOutcome.Failed:
                HandleStepFinished(new StepFinished(answer.App, answer.DeploymentId, false, reason!));
                break;
            case InFlightOutcome.NeverStarted:
                HandleStepFinished(new StepFinished(answer.App, answer.DeploymentId, false, InterruptedDeploy.BeforeStart));
                break;
        }
    }

    private void Apply(IPersistedEvent @event) => _run = _run?.Apply(@event);

    /// <summary>The form of a deploy's own ids (<c>app-yyMMdd-HHmmss</c>), never the id of the step's earlier attempt.</summary>
    private static string NewDeploymentId(StackStep step)
    {
        var id = $"{step.App.App}-{Now.UtcDateTime:yyMMdd-HHmmss}";
        return step.DeploymentId is { } previous && (previous == id || previous.StartsWith(id + "-", StringComparison.Ordinal))
            ? $"{id}-{step.Attempts + 1}"
            : id;
    }

    private sealed class ResolveInFlight
    {
        public static readonly ResolveInFlight Instance = new();
    }

    private sealed record InFlightAnswer(string App, string DeploymentId, object Reply);
}
