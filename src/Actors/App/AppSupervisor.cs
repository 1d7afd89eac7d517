using Akka.Actor;
using Akka.Event;

namespace Orchestrator.Actors.App;

/// <summary>
/// The sharded app entity: runs the <see cref="AppActor"/> as its child and restarts it after a failure, but only
/// <see cref="Defaults.AppMaxRestarts"/> times within <see cref="Defaults.AppRestartWindow"/>. An app that fails the same
/// way on every start then stays down and says so: status reports it unavailable with the reason, deploys are refused,
/// instead of a restart loop that floods the log and keeps every status from answering.
/// </summary>
/// <remarks>
/// A child that stops by itself (a persistent actor whose journal failed) stops this entity too, as before: the shard
/// starts remembered entities again after its own backoff.
/// </remarks>
internal sealed class AppSupervisor : ReceiveActor
{
    private const string ChildName = "app";
    private readonly string _app;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Queue<DateTimeOffset> _failures = new();
    private readonly IActorRef _child;
    private string? _gaveUp;

    public AppSupervisor(string app, Props appProps)
    {
        _app = app;
        _child = Context.Watch(Context.ActorOf(appProps, ChildName));
        Receive<Terminated>(t => t.ActorRef.Equals(_child), _ => HandleChildStopped());
        ReceiveAny(message => _child.Forward(message));
    }

    public static Props Props(string app, Props appProps) =>
        Akka.Actor.Props.Create(() => new AppSupervisor(app, appProps));

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(Decide);

    private Directive Decide(Exception failure)
    {
        var now = Context.System.Scheduler.Now;
        _failures.Enqueue(now);
        while (_failures.Peek() < now - Defaults.AppRestartWindow)
        {
            _failures.Dequeue();
        }

        if (_failures.Count <= Defaults.AppMaxRestarts)
        {
            return Directive.Restart;
        }

        var cause = failure.GetBaseException(); // past ActorInitializationException and reflection wrappers
        _gaveUp = $"it failed {_failures.Count} times within {Defaults.AppRestartWindow.TotalSeconds:0}s, last with {cause.GetType().Name}: {cause.Message}";
        return Directive.Stop;
    }

    private void HandleChildStopped()
    {
        if (_gaveUp is not { } reason)
        {
            Context.Stop(Self);
            return;
        }

        _log.Error("app {0} is unavailable and stays stopped until the daemon restarts: {1}", _app, reason);
        Become(() => Unavailable(reason));
    }

    private void Unavailable(string reason)
    {
        var message = $"app '{_app}' is unavailable: {reason}";
        const string Hint = "see the daemon log for the cause, fix it and restart the daemon";
        Receive<GetAppStatus>(_ => Sender.Tell(new AppUnavailable(_app, reason)));
        Receive<DeployApp>(d => d.Progress.Tell(new DeployRefused(message, Hint)));
        Receive<RollbackApp>(r => r.Progress.Tell(new DeployRefused(message, Hint)));
        Receive<RedeployApp>(r => r.Progress.Tell(new DeployRefused(message, Hint)));
        Receive<RemoveDeployment>(_ => Sender.Tell(new DeploymentRemoveReply(false, message, Hint)));
        Receive<StopApp>(_ => Sender.Tell(new AppStopReply(_app, $"{message}; nothing was stopped")));
        ReceiveAny(m => _log.Warning("app {0} is unavailable: dropped {1}", _app, m.GetType().Name));
    }
}
