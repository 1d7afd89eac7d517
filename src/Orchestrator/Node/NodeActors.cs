using Akka.Actor;

namespace Orchestrator.Node;

/// <summary>The running actor system and the regions the control plane talks to.</summary>
internal sealed record NodeActors(ActorSystem System, IActorRef Apps, IActorRef RouteTables);
