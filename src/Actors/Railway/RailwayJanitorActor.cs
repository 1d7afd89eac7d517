using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Orchestrator.Railway;

namespace Orchestrator.Actors.Railway;

/// <summary>
/// Deletes the Railway services of retired and failed deployments: a deletion is persisted before it is tried, tried at
/// once, and retried with backoff until Railway confirms it, across restarts of the node. Idle, it calls Railway never.
/// </summary>
internal sealed class RailwayJanitorActor : ReceivePersistentActor, IWithTimers
{
    public const string Name = "railway-janitor";

    private readonly RailwayRuntime _runtime;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, PendingDeletion> _pending = [];
    private readonly HashSet<string> _inFlight = [];
    private long _callsMade;

    public RailwayJanitorActor(RailwayRuntime runtime)
    {
        _runtime = runtime;
        Recover<RailwayDeletionRequested>(e => _pending[e.Deletion.Service.ServiceId] = new PendingDeletion(e.Deletion, 0, null));
        Recover<RailwayServiceDeleted>(e => _pending.Remove(e.ServiceId));
        Recover<RecoveryCompleted>(_ =>
        {
            foreach (var serviceId in _pending.Keys)
            {
                Attempt(serviceId);
            }
        });
        Command<DeleteRailwayService>(HandleDelete);
        Command<AttemptDeletion>(a => Attempt(a.ServiceId));
        Command<DeletionResult>(HandleResult);
        Command<GetRailwayJanitorQueue>(_ => Sender.Tell(new RailwayJanitorQueue(
            [.. _pending.Values.OrderBy(p => p.Deletion.QueuedAt)], _callsMade)));
    }

    public override string PersistenceId => Name;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(RailwayRuntime runtime) => Akka.Actor.Props.Create(() => new RailwayJanitorActor(runtime));

    private DateTimeOffset Now => Context.System.Scheduler.Now;

    private void HandleDelete(DeleteRailwayService delete)
    {
        var serviceId = delete.Service.ServiceId;
        if (_pending.ContainsKey(serviceId))
        {
            Sender.Tell(new RailwayDeletionAccepted(serviceId));
            return;
        }

        var replyTo = Sender;
        var deletion = new QueuedDeletion(delete.Service, delete.App, delete.DeploymentId, delete.Reason, Now);
        Persist(new RailwayDeletionRequested(deletion), e =>
        {
            _pending[serviceId] = new PendingDeletion(e.Deletion, 0, null);
            replyTo.Tell(new RailwayDeletionAccepted(serviceId));
            _log.Info("{0}: deleting Railway service {1} ({2}): {3}", delete.DeploymentId, delete.Service.ServiceName, serviceId, delete.Reason);
            Attempt(serviceId);
        });
    }

    private void Attempt(string serviceId)
    {
        if (!_pending.TryGetValue(serviceId, out var pending) || !_inFlight.Add(serviceId))
        {
            return;
        }

        var service = pending.Deletion.Service;
        _callsMade++;
        _runtime.ClientFor(service.ApiUrl).DeleteServiceAsync(service.ServiceId, service.EnvironmentId)
            .ContinueWith(t => new DeletionResult(serviceId, Outcome(t)))
            .PipeTo(Self);
    }

    /// <summary>Null: confirmed gone. Railway answers "not found" for a service deleted before (by an earlier attempt whose answer was lost).</summary>
    private static string? Outcome(Task<bool> deletion) => deletion switch
    {
        { IsCompletedSuccessfully: true, Result: true } => null,
        { IsCompletedSuccessfully: true } => "Railway answered false",
        { Exception.InnerException: RailwayGraphQLException e } when e.Errors.Any(error => error.Message.Contains("not found", StringComparison.OrdinalIgnoreCase)) => null,
        { Exception.InnerException: { } e } => e.Message,
        _ => "cancelled",
    };

    private void HandleResult(DeletionResult result)
    {
        _inFlight.Remove(result.ServiceId);
        if (!_pending.TryGetValue(result.ServiceId, out var pending))
        {
            return;
        }

        if (result.Error is null)
        {
            Persist(new RailwayServiceDeleted(result.ServiceId, Now), e =>
            {
                _pending.Remove(e.ServiceId);
                _log.Info("{0}: Railway service {1} is deleted", pending.Deletion.DeploymentId, pending.Deletion.Service.ServiceName);
            });
            return;
        }

        var failed = pending with { FailedAttempts = pending.FailedAttempts + 1, LastError = result.Error };
        _pending[result.ServiceId] = failed;
        var wait = _runtime.Timings.DeleteRetryAfter(failed.FailedAttempts);
        _log.Warning("{0}: deleting Railway service {1} failed ({2}); retrying in {3}", pending.Deletion.DeploymentId,
            pending.Deletion.Service.ServiceName, result.Error, wait);
        Timers.StartSingleTimer(result.ServiceId, new AttemptDeletion(result.ServiceId), wait);
    }

    private sealed record AttemptDeletion(string ServiceId);

    private sealed record DeletionResult(string ServiceId, string? Error);
}
