using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Orchestrator.Actors.Routing;
using Orchestrator.Router.State;

namespace Orchestrator.Router.Replica;

/// <summary>
/// One per router node: installs every app's published route table into the <see cref="RouterRuntime"/>,
/// acks (or rejects) each version to whoever published it, and reports connection counts back to them.
/// Installs one table at a time; tables arriving meanwhile wait in the stash, so versions never apply out of order.
/// </summary>
internal sealed class RouteReplica : ReceiveActor, IWithTimers, IWithUnboundedStash
{
    private readonly RouterRuntime _runtime;
    private readonly string _replicaId;
    private readonly RouterProcessInfo _process;
    private readonly RouteTableFile? _saved;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, long> _appliedVersions;
    private readonly Dictionary<string, (long Version, IActorRef Owner)> _owners = [];
    private readonly Dictionary<string, string> _problems = [];

    public RouteReplica(RouterRuntime runtime, string replicaId, RouterProcessInfo process, RouteTableFile? saved)
    {
        _runtime = runtime;
        _replicaId = replicaId;
        _process = process;
        _saved = saved;
        // Tables the router serves already (loaded from its state directory): the same version published again is acked at once.
        _appliedVersions = runtime.Tables.ToDictionary(p => p.Key, p => p.Value.Version);
        Ready();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public IStash Stash { get; set; } = null!;

    public static Props Props(RouterRuntime runtime, string replicaId, RouterProcessInfo process, RouteTableFile? saved = null) =>
        Akka.Actor.Props.Create(() => new RouteReplica(runtime, replicaId, process, saved));

    protected override void PreStart()
    {
        Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.InitialStateAsEvents, typeof(ClusterEvent.MemberUp));
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Subscribe(RouteTopics.Tables, Self));
        Timers.StartPeriodicTimer(ReportCountsTimer.Instance, ReportCounts.Instance, RouterDefaults.CountsReportInterval);
    }

    private void Ready()
    {
        Receive<RouteTablePublished>(HandlePublished);
        Receive<SubscribeAck>(HandleSubscribed);
        Receive<ReportCounts>(_ => HandleReportCounts());
        Receive<GetRouterStatus>(_ => Sender.Tell(Status()));
        Receive<ClusterEvent.MemberUp>(HandleMemberUp);
        Receive<AnnounceTick>(_ => Announce());
    }

    private void Installing()
    {
        Receive<TableInstalled>(HandleInstalled);
        Receive<ReportCounts>(_ => HandleReportCounts());
        Receive<GetRouterStatus>(_ => Sender.Tell(Status()));
        Receive<ClusterEvent.MemberUp>(HandleMemberUp);
        Receive<AnnounceTick>(_ => Announce());
        ReceiveAny(_ => Stash.Stash());
    }

    private void HandleSubscribed(SubscribeAck ack)
    {
        // Announce only once subscribed, so the tables republished in answer reach this replica.
        Announce();
        _log.Info("Route replica {0} subscribed to {1}", _replicaId, ack.Subscribe.Topic);
    }

    /// <summary>
    /// This router, or a control plane node, came up: every table it owns is wanted again (a table that changed while the
    /// router was away, or a restarted daemon's). Announced again after the pub-sub registry had time to gossip the
    /// subscriptions of the new member, which a first announcement may miss.
    /// </summary>
    private void HandleMemberUp(ClusterEvent.MemberUp up)
    {
        if (up.Member.HasRole(RouteTableActor.RouterRole) && up.Member.Address != Cluster.Get(Context.System).SelfAddress)
        {
            return;
        }

        Announce();
        Timers.StartSingleTimer(AnnounceTick.Soon, AnnounceTick.Soon, RouterDefaults.AnnounceAgainAfter);
        Timers.StartSingleTimer(AnnounceTick.Later, AnnounceTick.Later, RouterDefaults.AnnounceAgainAfter * 4);
    }

    private void Announce() =>
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Publish(RouteTopics.Replicas, new ReplicaStarted(_replicaId)));

    private void HandlePublished(RouteTablePublished published)
    {
        var table = published.Table;
        var replyTo = Sender;
        if (!_owners.TryGetValue(table.App, out var owner) || table.Version >= owner.Version)
        {
            _owners[table.App] = (table.Version, replyTo);
        }

        if (table.Version <= _appliedVersions.GetValueOrDefault(table.App, long.MinValue))
        {
            replyTo.Tell(new RouteTableApplied(table.App, table.Version, _replicaId));
            return;
        }

        var timeout = new CancellationTokenSource(RouterDefaults.ApplyTimeout);
        var install = _runtime.ApplyAsync(table, timeout.Token);
        install.ContinueWith(static (_, cts) => ((CancellationTokenSource)cts!).Dispose(), timeout, TaskScheduler.Default);
        install.PipeTo(
            Self,
            success: () => new TableInstalled(table, replyTo, null),
            failure: error => new TableInstalled(table, replyTo, Reason(error)));
        Become(Installing);
    }

    private void HandleInstalled(TableInstalled installed)
    {
        var table = installed.Table;
        if (installed.Error is null)
        {
            _appliedVersions[table.App] = table.Version;
            _problems.Remove(table.App);
            Save();
            installed.ReplyTo.Tell(new RouteTableApplied(table.App, table.Version, _replicaId));
            _log.Info("Route table {0} v{1} applied, active {2}", table.App, table.Version, table.ActiveDeploymentId ?? "(none)");
        }
        else
        {
            _problems[table.App] = installed.Error;
            installed.ReplyTo.Tell(new RouteTableRejected(table.App, table.Version, _replicaId, installed.Error));
            _log.Warning("Route table {0} v{1} rejected: {2}", table.App, table.Version, installed.Error);
        }

        Stash.UnstashAll();
        Become(Ready);
    }

    private void HandleReportCounts()
    {
        // Every tick, even when nothing changed: a drain is idle only on a report newer than its start.
        foreach (var (app, owner) in _owners)
        {
            owner.Owner.Tell(new ConnectionCountsReport(app, _replicaId, _runtime.ConnectionsOf(app)));
        }
    }

    private RouterStatus Status() => new(
        _replicaId,
        _process.Pid,
        _process.StartedAt,
        _runtime.BoundAddresses,
        _runtime.Tables.ToImmutableDictionary(p => p.Key, p => p.Value.Version),
        _problems.ToImmutableDictionary(),
        _process.Draining);

    private void Save()
    {
        if (_saved is null || OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            _saved.Save(_runtime.Tables);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Serving matters more than the copy: the next install writes it again.
            _log.Warning("Could not save the route tables to {0}: {1}", _saved.Path, e.Message);
        }
    }

    private static string Reason(Exception error) => error switch
    {
        AggregateException { InnerExceptions.Count: 1 } aggregate => Reason(aggregate.InnerExceptions[0]),
        OperationCanceledException => $"the router did not apply the table within {RouterDefaults.ApplyTimeout.TotalSeconds:0}s",
        _ => error.Message,
    };
}
