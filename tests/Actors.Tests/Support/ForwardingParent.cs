using Akka.Actor;

namespace Orchestrator.Actors.Tests.Support;

/// <summary>Creates the actor under test as its named child; what the child tells its parent goes to a probe, the rest to the child.</summary>
internal sealed class ForwardingParent : ReceiveActor
{
    public ForwardingParent(Props child, string childName, IActorRef probe)
    {
        var childRef = Context.ActorOf(child, childName);
        ReceiveAny(m =>
        {
            if (Sender.Equals(childRef))
            {
                probe.Forward(m);
            }
            else
            {
                childRef.Forward(m);
            }
        });
    }

    public static Props Props(Props child, string childName, IActorRef probe) =>
        Akka.Actor.Props.Create(() => new ForwardingParent(child, childName, probe));
}
