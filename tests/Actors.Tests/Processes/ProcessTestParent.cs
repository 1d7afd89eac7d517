using Akka.Actor;

namespace Orchestrator.Actors.Tests.Processes;

/// <summary>Creates the actor under test as its child and forwards what the child tells its parent to a probe.</summary>
internal sealed class ProcessTestParent : ReceiveActor
{
    public ProcessTestParent(Props child, IActorRef probe)
    {
        var childRef = Context.ActorOf(child, "process");
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

    /// <summary>Restarts the child on anything, even <see cref="Kill"/>, so specs can force an actor restart.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Restart);

    public static Props Props(Props child, IActorRef probe) =>
        Akka.Actor.Props.Create(() => new ProcessTestParent(child, probe));
}
