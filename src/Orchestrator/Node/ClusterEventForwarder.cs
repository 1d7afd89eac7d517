using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster;
using static Akka.Cluster.ClusterEvent;

namespace Orchestrator.Node;

/// <summary>
/// Subscribes to the cluster's member, reachability and leader events (the current state first, as events) and writes
/// each to a channel for <c>orch cluster tail</c>; stopping it unsubscribes and completes the channel.
/// </summary>
internal sealed class ClusterEventForwarder : ReceiveActor
{
    private readonly ChannelWriter<Control.Contracts.ClusterEvent> _events;

    public ClusterEventForwarder(ChannelWriter<Control.Contracts.ClusterEvent> events)
    {
        _events = events;
        Receive<IMemberEvent>(e => Forward(ClusterEventMapper.Of(e, Now)));
        Receive<IReachabilityEvent>(e => Forward(ClusterEventMapper.Of(e, Now)));
        Receive<LeaderChanged>(e => Forward(ClusterEventMapper.Of(e, Now)));
    }

    public static Props Props(ChannelWriter<Control.Contracts.ClusterEvent> events) => Akka.Actor.Props.Create(() => new ClusterEventForwarder(events));

    private DateTimeOffset Now => Context.System.Scheduler.Now;

    protected override void PreStart() =>
        Cluster.Get(Context.System).Subscribe(Self, SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(IMemberEvent), typeof(IReachabilityEvent), typeof(LeaderChanged));

    protected override void PostStop()
    {
        Cluster.Get(Context.System).Unsubscribe(Self);
        _events.TryComplete();
    }

    private void Forward(Control.Contracts.ClusterEvent? clusterEvent)
    {
        if (clusterEvent is not null)
        {
            _events.TryWrite(clusterEvent);
        }
    }
}
