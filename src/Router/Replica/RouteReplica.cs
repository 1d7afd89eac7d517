using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Orchestrator.Actors.Routing;

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
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, long> _appliedVersions = [];
    private readonly Dictionary<string, (long Version, IActorRef Owner)> _owners = [];

    public RouteReplica(RouterRuntime runtime, string replicaId)
    {
        _runtime = runtime;
        _replicaId = replicaId;
        Ready();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public IStash Stash { get; set; } = null!;

    public static Props Props(RouterRuntime runtime, string replicaId) =>
        Akka.Actor.Props.Create(() => new RouteReplica(runtime, replicaId));

    protected override void PreStart()
    {
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Subscribe(RouteTopics.Tables, Self));
        Timers.StartPeriodicTimer(ReportCountsTimer.Instance, ReportCounts.Instance, RouterDefaults.CountsReportInterval);
    }

    private void Ready()
    {
        Receive<RouteTablePublished>(HandlePublished);
        Receive<SubscribeAck>(HandleSubscribed);
        Receive<ReportCounts>(_ => HandleReportCounts());
    }

    private void Installing()
    {
        Receive<TableInstalled>(HandleInstalled);
        Receive<ReportCounts>(_ => HandleReportCounts());
        ReceiveAny(_ => Stash.Stash());
    }

    private void HandleSubscribed(SubscribeAck ack)
    {
        // Announce only once subscribed, so the tables republished in answer reach this replica.
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Publish(RouteTopics.Replicas, new ReplicaStarted(_replicaId)));
        _log.Info("Route replica {0} subscribed to {1}", _replicaId, ack.Subscribe.Topic);
    }

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
            installed.ReplyTo.Tell(new RouteTableApplied(table.App, table.Version, _replicaId));
            _log.Info("Route table {0} v{1} applied, active {2}", table.App, table.Version, table.ActiveDeploymentId ?? "(none)");
        }
        else
        {
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

    private static string Reason(Exception error) => error switch
    {
        AggregateException { InnerExceptions.Count: 1 } aggregate => Reason(aggregate.InnerExceptions[0]),
        OperationCanceledException => $"the router did not apply the table within {RouterDefaults.ApplyTimeout.TotalSeconds:0}s",
        _ => error.Message,
    };
}
