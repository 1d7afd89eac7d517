using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Orchestrator.Actors.Routing;
using Orchestrator.Routing;
using Orchestrator.Routing.Feed;

namespace Orchestrator.RouterProcess;

/// <summary>
/// A daemon's router replica (at <see cref="RouteTableActor.ReplicaPath"/>, on a node with the router role): to the
/// cluster it is one replica, answering for the router processes that read this daemon's feed. It sends them every
/// app's latest table, acks a version once every router that accepts traffic serves it (or rejects it when one
/// refused it), and passes on the connections they hold. Routers are no cluster members and link no Akka.
/// Once it has asked the cluster for every app's current table it tells its routers the snapshot is complete
/// (<see cref="RouterFeed.SnapshotEnd"/>), so that a router that starts serves those instead of its saved tables.
/// </summary>
internal sealed class RouterFeedActor : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, PublishedTable> _tables = [];
    private readonly Dictionary<RouterFeedPeer, RouterReport?> _peers = [];

    /// <summary>Per app, the version this replica last answered for (acked or rejected), so reports do not repeat it.</summary>
    private readonly Dictionary<string, long> _answered = [];
    private static readonly TimeSpan SyncTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan SyncRetry = TimeSpan.FromSeconds(1);

    private readonly string _replicaId;
    private readonly IActorRef _apps;
    private readonly IActorRef _routeTables;
    private bool _routerRuns = true;
    private bool _synced;

    public RouterFeedActor(IActorRef apps, IActorRef routeTables)
    {
        _apps = apps;
        _routeTables = routeTables;
        _replicaId = Cluster.Get(Context.System).SelfAddress.ToString();
        Receive<RouteTablePublished>(HandlePublished);
        Receive<SubscribeAck>(_ => Announce());
        Receive<RouterConnected>(HandleConnected);
        Receive<RouterReported>(HandleReported);
        Receive<RouterDisconnected>(HandleDisconnected);
        Receive<LocalRouterRuns>(HandleRouterRuns);
        Receive<GetRouterStatus>(_ => Sender.Tell(Status()));
        Receive<ReportWithoutRouter>(_ => ReportCountsWithoutRouter());
        Receive<Sync>(_ => StartSync());
        Receive<Synced>(HandleSynced);
        Receive<Status.Failure>(HandleSyncFailed);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="apps">The node's <c>apps</c> region (or proxy), to learn which apps there are.</param>
    /// <param name="routeTables">The node's <c>route-tables</c> region (or proxy), to ask each app's current table.</param>
    public static Props Props(IActorRef apps, IActorRef routeTables) => Akka.Actor.Props.Create(() => new RouterFeedActor(apps, routeTables));

    protected override void PreStart()
    {
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Subscribe(RouteTopics.Tables, Self));
        Timers.StartPeriodicTimer(ReportWithoutRouter.Instance, ReportWithoutRouter.Instance, RouterFeed.ReportInterval);
        Timers.StartSingleTimer(Sync.Instance, Sync.Instance, SyncRetry);
    }

    /// <summary>Asks the cluster for every current table; until it has them, a router that starts serves its saved ones.</summary>
    private void StartSync()
    {
        var system = Context.System;
        if (Cluster.Get(system).SelfMember.Status != MemberStatus.Up)
        {
            // Not in the cluster yet: it would see no worker, and so no app.
            Timers.StartSingleTimer(Sync.Instance, Sync.Instance, SyncRetry);
            return;
        }

        CurrentRouteTables.AskAsync(system, _apps, _routeTables, SyncTimeout).PipeTo(Self, success: tables => new Synced(tables));
    }

    private void HandleSynced(Synced synced)
    {
        foreach (var table in synced.Tables.Where(t => !_tables.TryGetValue(t.App, out var known) || t.Version > known.Table.Version))
        {
            // The table's owner is learnt from its next publication (this replica announced itself); until then no ack is owed.
            _tables[table.App] = new PublishedTable(table, _tables.GetValueOrDefault(table.App)?.Owner ?? ActorRefs.Nobody);
            foreach (var peer in _peers.Keys)
            {
                peer.Send(table);
            }
        }

        _synced = true;
        _log.Info("Router feed holds the current route table of every app ({0})", _tables.Count);
        foreach (var peer in _peers.Keys)
        {
            peer.Send(RouterFeed.SnapshotEnd(_tables.Count));
        }
    }

    private void HandleSyncFailed(Status.Failure failure)
    {
        _log.Info("Router feed could not learn every current route table yet ({0}); asking again", failure.Cause.Message);
        Timers.StartSingleTimer(Sync.Instance, Sync.Instance, SyncRetry);
    }

    /// <summary>Every table wanted again: this replica started, or a router connected.</summary>
    private void Announce() =>
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Publish(RouteTopics.Replicas, new ReplicaStarted(_replicaId)));

    private void HandlePublished(RouteTablePublished published)
    {
        var table = published.Table;
        if (_tables.TryGetValue(table.App, out var known) && table.Version < known.Table.Version)
        {
            Sender.Tell(new RouteTableApplied(table.App, table.Version, _replicaId));
            return;
        }

        _tables[table.App] = new PublishedTable(table, Sender);
        if (known is null || table.Version > known.Table.Version)
        {
            foreach (var peer in _peers.Keys)
            {
                peer.Send(table);
            }
        }

        // A table publishes again while acks are missing: answer again, the first answer may be lost.
        _answered.Remove(table.App);
        Answer(table.App);
    }

    private void HandleConnected(RouterConnected connected)
    {
        _peers[connected.Peer] = null;
        foreach (var published in _tables.Values)
        {
            connected.Peer.Send(published.Table);
        }

        if (_synced)
        {
            connected.Peer.Send(RouterFeed.SnapshotEnd(_tables.Count));
        }

        _log.Info("Router {0} connected to the feed", connected.Peer);
        Announce();
    }

    private void HandleReported(RouterReported reported)
    {
        if (!_peers.TryGetValue(reported.Peer, out var previous))
        {
            return;
        }

        if (previous is null)
        {
            _log.Info("Router {0} is pid {1}, serving {2} table(s)", reported.Peer, reported.Report.Pid, reported.Report.Versions.Count);
        }

        _peers[reported.Peer] = reported.Report;
        AnswerAll();
        ReportCounts();
    }

    private void HandleDisconnected(RouterDisconnected disconnected)
    {
        if (_peers.Remove(disconnected.Peer, out var last))
        {
            _log.Info("Router {0} (pid {1}) left the feed", disconnected.Peer, last?.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown");
            AnswerAll();
        }
    }

    private void HandleRouterRuns(LocalRouterRuns runs)
    {
        _routerRuns = runs.Runs;
        AnswerAll();
    }

    private void AnswerAll()
    {
        foreach (var app in _tables.Keys)
        {
            Answer(app);
        }
    }

    /// <summary>
    /// Acks the app's latest version once every router that accepts traffic serves it; with none connected, at once
    /// when no router runs (the next one gets every table when it connects), else not yet.
    /// </summary>
    private void Answer(string app)
    {
        var (table, owner) = _tables[app];
        if (_answered.GetValueOrDefault(app, long.MinValue) >= table.Version)
        {
            return;
        }

        var reports = _peers.Values.OfType<RouterReport>().ToList();
        var refused = reports.FirstOrDefault(r => r.Refusals.GetValueOrDefault(app)?.Version == table.Version);
        if (refused is not null)
        {
            _answered[app] = table.Version;
            owner.Tell(new RouteTableRejected(app, table.Version, $"{_replicaId} (router pid {refused.Pid})", refused.Refusals[app].Reason));
            return;
        }

        var accepting = reports.Where(r => !r.Draining).ToList();
        var serves = accepting.Count > 0
            ? reports.Count == _peers.Count && accepting.TrueForAll(r => r.Versions.GetValueOrDefault(app, long.MinValue) >= table.Version)
            : !_routerRuns;
        if (serves)
        {
            _answered[app] = table.Version;
            owner.Tell(new RouteTableApplied(app, table.Version, _replicaId));
        }
    }

    /// <summary>The connections every router holds, summed, once each has reported: a count from before a router's first report would be a guess.</summary>
    private void ReportCounts()
    {
        if (_peers.Values.Any(r => r is null))
        {
            return;
        }

        var reports = _peers.Values.OfType<RouterReport>().ToList();
        foreach (var (app, published) in _tables)
        {
            var byDeployment = new Dictionary<string, ConnectionCounts>();
            foreach (var report in reports)
            {
                foreach (var (deployment, counts) in report.Connections.GetValueOrDefault(app) ?? ImmutableDictionary<string, ConnectionCounts>.Empty)
                {
                    byDeployment[deployment] = byDeployment.TryGetValue(deployment, out var sum) ? sum.Add(counts) : counts;
                }
            }

            published.Owner.Tell(new ConnectionCountsReport(app, _replicaId, byDeployment.ToImmutableDictionary()));
        }
    }

    /// <summary>With no router connected and none running, nothing holds a connection: drains need not wait for one.</summary>
    private void ReportCountsWithoutRouter()
    {
        if (_peers.Count == 0 && !_routerRuns)
        {
            ReportCounts();
        }
    }

    private RouterReplicaStatus Status() => new(
        _replicaId,
        [.. _peers.Values.OfType<RouterReport>().OrderBy(r => r.StartedAt).Select(r => new RouterStatus(
            _replicaId, r.Pid, r.StartedAt, r.Listen, r.Versions, r.Refusals.ToImmutableDictionary(p => p.Key, p => p.Value.Reason), r.Draining))],
        _routerRuns);

    private sealed record PublishedTable(RouteTable Table, IActorRef Owner);

    private sealed record Synced(ImmutableArray<RouteTable> Tables);

    private sealed record Sync
    {
        public static readonly Sync Instance = new();

        private Sync()
        {
        }
    }

    private sealed record ReportWithoutRouter
    {
        public static readonly ReportWithoutRouter Instance = new();

        private ReportWithoutRouter()
        {
        }
    }
}
