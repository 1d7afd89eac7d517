using Akka.Actor;
using Akka.Event;
using Orchestrator.Actors.Deployment;

namespace Orchestrator.Actors.Hosts;

/// <summary>
/// The processes a worker runs for deployments whose actor may live on another node: one <see cref="InstanceActor"/>
/// per instance, found by name, so a deployment that moved after a rebalance finds its instances again instead of
/// starting them twice. At <c>/user/host-agent</c> on every worker node; ports come from this host's allocator.
/// </summary>
internal sealed class HostAgent : ReceiveActor
{
    public const string Name = "host-agent";

    private readonly DeploymentServices _services;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, IActorRef> _instances = [];

    public HostAgent(DeploymentServices services)
    {
        _services = services;
        Receive<StartInstance>(start => InstanceOf(start.DeploymentId, start.Index).Forward(start));
        Receive<StopInstance>(stop => InstanceOf(stop.DeploymentId, stop.Index).Forward(stop));
        Receive<Terminated>(t =>
        {
            foreach (var name in _instances.Where(i => i.Value.Equals(t.ActorRef)).Select(i => i.Key).ToList())
            {
                _instances.Remove(name);
            }
        });
    }

    public static Props Props(DeploymentServices services) => Akka.Actor.Props.Create(() => new HostAgent(services));

    /// <summary>The agent of the host at <paramref name="node"/> (an Akka address).</summary>
    public static ActorSelection At(IActorContext context, string node) =>
        context.ActorSelection(new RootActorPath(Address.Parse(node)) / "user" / Name);

    private IActorRef InstanceOf(string deploymentId, int index)
    {
        var name = $"{deploymentId}-{index}";
        if (_instances.TryGetValue(name, out var known))
        {
            return known;
        }

        _log.Info("{0}: instance {1} placed on this host", deploymentId, index);
        var child = Context.ActorOf(InstanceActor.Props(deploymentId, index, _services), name);
        Context.Watch(child);
        _instances[name] = child;
        return child;
    }
}
