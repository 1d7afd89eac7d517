using Akka.Actor;
using Orchestrator.RouterProcess;

namespace Orchestrator.Node;

/// <summary>The running actor system, the regions the control plane talks to, and this node's router process (null when it has none).</summary>
internal sealed record NodeActors(ActorSystem System, IActorRef Apps, IActorRef RouteTables, LocalRouter? Router = null);
