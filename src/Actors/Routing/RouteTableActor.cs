using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Akka.Persistence;
using Orchestrator.Actors.Persistence;
using Orchestrator.Routing;

namespace Orchestrator.Actors.Routing;

/// <summary>
/// The single writer of one app's route table (sharded, entity id = app). Every change is persisted, published
/// to the router replicas, and answered once every reachable replica of the cluster (members with the router role)
/// acked it. An unreachable replica is not waited for: the answer names it, and it gets the table once it is reachable.
/// </summary>
internal sealed class RouteTableActor : ReceivePersistentActor, IWithTimers
{
    public const string RouterRole = "router";

    /// <summary>The actor name of the replica every router member runs, at <see cref="ReplicaPath"/>.</summary>
    public const string ReplicaName = "route-replica";

    public const string ReplicaPath = "/user/" + ReplicaName;

    /// <summary>How long a change waits for a replica that neither acks nor is found unreachable (<c>orch.routing.ack-timeout</c>).</summary>
    public const string AckTimeoutSetting = "orch.routing.ack-timeout";

    // Pub-sub subscriptions reach other nodes by gossip: a replica that subscribed a moment ago may miss one
    // publication. Publishing again while acks are missing reaches it; replicas ack a version they hold again.
    private static readonly TimeSpan RepublishInterval = TimeSpan.FromMilliseconds(500);
    private const int SnapshotEvery = 100;

    private readonly string _app;
    private readonly IActorRef _mediator;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly List<PendingUpdate> _pending = [];
    private readonly TimeSpan _ackTimeout;
    private ImmutableDictionary<string, ReplicaReport> _reports = ImmutableDictionary<string, ReplicaReport>.Empty;
    private RouteTable _table;

    /// <summary>Who asked for the change being written: told when the journal refuses it.</summary>
    private IActorRef _changeAwaitingJournal = ActorRefs.Nobody;

    public RouteTableActor(string app)
    {
        _app = app;
        _table = RouteTable.Empty(app);
        _mediator = DistributedPubSub.Get(Context.System).Mediator;
        _ackTimeout = Context.System.Settings.Config.GetTimeSpan(AckTimeoutSetting, Defaults.RouteAckTimeout, allowInfinite: false);

        Recover<RouteTableChanged>(e => _table = e.Table);
        Recover<SnapshotOffer>(o => _table = ((RouteTableChanged)o.Snapshot).Table);
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Command<ActivateRoute>(c => Change(RouteTableDecisions.Activate(_table, c)));
        Command<RegisterDrainingRoute>(c => Change(RouteTableDecisions.RegisterDraining(_table, c)));
        Command<RemoveRoute>(c => Change(RouteTableDecisions.Remove(_table, c)));
        Command<ClearRoutes>(_ => Change(RouteTableDecisions.Clear(_table)));
        Command<GetRouteTable>(_ => Sender.Tell(_table));
        Command<GetDrainStatus>(HandleGetDrainStatus);
        Command<RouteTableApplied>(HandleApplied);
        Command<RouteTableRejected>(HandleRejected);
        Command<ConnectionCountsReport>(r => _reports = _reports.SetItem(r.ReplicaId, new ReplicaReport(Now, r.ByDeployment)));
        Command<ReplicaStarted>(_ => Publish());
        Command<AckTimedOut>(HandleAckTimedOut);
        Command<RepublishWhilePending>(_ => RepublishWhileAcksMissing());
        Command<SubscribeAck>(_ => { });
        Command<ClusterEvent.ReachableMember>(HandleReachable);
        Command<ClusterEvent.CurrentClusterState>(_ => { });
        Command<SaveSnapshotSuccess>(saved => DeleteMessages(saved.Metadata.SequenceNr));
        Command<SaveSnapshotFailure>(failed => _log.Warning("route table {0}: snapshot failed: {1}", _app, failed.Cause.Message));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(failed => _log.Warning("route table {0}: deleting old events failed: {1}", _app, failed.Cause.Message));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public override string PersistenceId => "route-table-" + _app;

    public static Props Props(string app) => Akka.Actor.Props.Create(() => new RouteTableActor(app));

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    /// <summary>The journal refused a change: its asker fails now with the journal's error, not at its ask timeout. The actor then stops.</summary>
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _changeAwaitingJournal.Tell(new RouteUpdateFailed(_app, _table.Version, JournalFailure.WriteFailed(cause)));
        _changeAwaitingJournal = ActorRefs.Nobody;
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void PostStop()
    {
        Cluster.Get(Context.System).Unsubscribe(Self);
        base.PostStop();
    }

    private void OnRecovered()
    {
        _mediator.Tell(new Subscribe(RouteTopics.Replicas, Self));
        Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.ReachableMember));
        if (_table.Version > 0)
        {
            Publish();
        }
    }

    private void Change(RouteTable next)
    {
        var replyTo = Sender;
        _changeAwaitingJournal = replyTo;
        Persist(new RouteTableChanged(next), e =>
        {
            _changeAwaitingJournal = ActorRefs.Nobody;
            _table = e.Table;
            if (LastSequenceNr % SnapshotEvery == 0)
            {
                // Only the last table matters: keep it as a snapshot and drop the events before it.
                SaveSnapshot(e);
            }

            var (replicas, unreachable) = RouterReplicas();
            _log.Info("route table of {0} is now version {1}: active {2}, canary {3}, live [{4}]", _app, _table.Version,
                _table.ActiveDeploymentId ?? "none", _table.Canary is { } canary ? $"{canary.DeploymentId} ({canary.Rule})" : "none",
                string.Join(", ", _table.Deployments.Keys));
            var pending = new PendingUpdate(_table.Version, replyTo, replicas, unreachable);
            if (replicas.Count == 0)
            {
                replyTo.Tell(pending.Updated(_app, _table));
                return;
            }

            _pending.Add(pending);
            Timers.StartSingleTimer(new AckTimerKey(_table.Version), new AckTimedOut(_table.Version), _ackTimeout);
            Publish();
            if (!Timers.IsTimerActive(RepublishWhilePending.Instance))
            {
                Timers.StartPeriodicTimer(RepublishWhilePending.Instance, RepublishWhilePending.Instance, RepublishInterval);
            }
        });
    }

    private void RepublishWhileAcksMissing()
    {
        StopWaitingForUnreachable();
        if (_pending.Count == 0)
        {
            Timers.Cancel(RepublishWhilePending.Instance);
            return;
        }

        Publish();
    }

    /// <summary>A replica found unreachable while a change waits for it is waited for no longer.</summary>
    private void StopWaitingForUnreachable()
    {
        var unreachable = Cluster.Get(Context.System).State.Unreachable.Select(m => m.Address.ToString()).ToHashSet();
        foreach (var pending in _pending.ToList())
        {
            foreach (var replica in pending.Waiting.Where(unreachable.Contains).ToList())
            {
                pending.Waiting.Remove(replica);
                pending.Unreached.Add(replica);
                _log.Warning("route table {0} version {1}: router replica {2} is unreachable; not waiting for it", _app, pending.Version, replica);
            }

            if (pending.Waiting.Count == 0)
            {
                Complete(pending, pending.Updated(_app, _table));
            }
        }
    }

    /// <summary>A replica that was cut off may have missed versions: it gets the current table again.</summary>
    private void HandleReachable(ClusterEvent.ReachableMember reachable)
    {
        if (reachable.Member.HasRole(RouterRole) && _table.Version > 0)
        {
            _log.Info("route table {0}: router replica {1} is reachable again; sending it version {2}", _app, reachable.Member.Address, _table.Version);
            Publish();
        }
    }

    /// <summary>
    /// To every replica by pub-sub, and to each router member's replica by its path too: a router that joined a moment
    /// ago is a member before this node's mediator learned of its subscription by gossip.
    /// </summary>
    private void Publish()
    {
        var published = new RouteTablePublished(_table);
        _mediator.Tell(new Publish(RouteTopics.Tables, published));
        foreach (var replica in RouterReplicas().Reachable)
        {
            Context.ActorSelection(replica + ReplicaPath).Tell(published);
        }
    }

    private void HandleApplied(RouteTableApplied applied)
    {
        foreach (var pending in _pending.Where(p => p.Version <= applied.Version).ToList())
        {
            pending.Waiting.Remove(applied.ReplicaId);
            if (pending.Waiting.Count == 0)
            {
                Complete(pending, pending.Updated(_app, _table));
            }
        }
    }

    private void HandleRejected(RouteTableRejected rejected)
    {
        foreach (var pending in _pending.Where(p => p.Version == rejected.Version).ToList())
        {
            Complete(pending, new RouteUpdateFailed(_app, rejected.Version, $"router {rejected.ReplicaId}: {rejected.Reason}"));
        }
    }

    private void HandleAckTimedOut(AckTimedOut timeout)
    {
        StopWaitingForUnreachable();
        foreach (var pending in _pending.Where(p => p.Version == timeout.Version).ToList())
        {
            Complete(pending, new RouteUpdateFailed(_app, timeout.Version,
                $"router replicas {string.Join(", ", pending.Waiting)} did not apply route table version {timeout.Version} within {_ackTimeout.TotalSeconds:0}s " +
                "though reachable; see their logs (`orch status` lists the routers)"));
        }
    }

    private void Complete(PendingUpdate pending, object answer)
    {
        _pending.Remove(pending);
        Timers.Cancel(new AckTimerKey(pending.Version));
        pending.ReplyTo.Tell(answer);
    }

    private void HandleGetDrainStatus(GetDrainStatus query)
    {
        var (replicas, unreachable) = RouterReplicas();
        var counts = ConnectionCounts.Zero;
        // A replica cut off may still send this deployment requests on the table it last had: not idle until it
        // reports again (or the drain deadline ends it).
        var fresh = unreachable.Count == 0;
        foreach (var replica in replicas)
        {
            if (!_reports.TryGetValue(replica, out var report) || report.ReceivedAt < query.Since)
            {
                fresh = false;
                continue;
            }

            if (report.ByDeployment.TryGetValue(query.DeploymentId, out var c))
            {
                counts = counts.Add(c);
            }
        }

        Sender.Tell(new DrainStatus(query.DeploymentId, counts, fresh));
    }

    /// <summary>The router members that are up, split by whether this node reaches them now.</summary>
    private (HashSet<string> Reachable, HashSet<string> Unreachable) RouterReplicas()
    {
        var state = Cluster.Get(Context.System).State;
        var routers = state.Members.Where(m => m.Status == MemberStatus.Up && m.HasRole(RouterRole)).ToList();
        return (
            routers.Where(m => !state.Unreachable.Contains(m)).Select(m => m.Address.ToString()).ToHashSet(),
            routers.Where(state.Unreachable.Contains).Select(m => m.Address.ToString()).ToHashSet());
    }

    private sealed record PendingUpdate(long Version, IActorRef ReplyTo, HashSet<string> Waiting, HashSet<string> Unreached)
    {
        public RouteUpdated Updated(string app, RouteTable table) => new(app, table, [.. Unreached.Order(StringComparer.Ordinal)]);
    }

    private sealed record ReplicaReport(DateTimeOffset ReceivedAt, ImmutableDictionary<string, ConnectionCounts> ByDeployment);

    private sealed record AckTimerKey(long Version);

    private sealed record AckTimedOut(long Version);

    private sealed record RepublishWhilePending
    {
        public static readonly RepublishWhilePending Instance = new();

        private RepublishWhilePending()
        {
        }
    }
}
