using Akka.Actor;
using Orchestrator.Actors.Railway;
using Orchestrator.RouterProcess;

namespace Orchestrator.Node;

/// <summary>
/// The running actor system, the regions the control plane talks to, this node's router process (null when it has none)
/// and its Railway runtime (null when the daemon was given no Railway token).
/// </summary>
internal sealed record NodeActors(ActorSystem System, IActorRef Apps, IActorRef RouteTables, LocalRouter? Router = null, RailwayRuntime? Railway = null)
{
    /// <summary>The stack region (<see cref="Orchestrator.Actors.Stacks.StackActor"/>); Nobody where none was started.</summary>
    public IActorRef Stacks { get; init; } = ActorRefs.Nobody;
}
