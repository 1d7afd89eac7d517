#pragma warning disable
namespace Orchestrator.Actors.Ports { public sealed class PortAllocator { public PortReservation Reserve(Orchestrator.Actors.Config.PortRange r, string o) => throw null!; public bool TryReserve(int p, string o) => true; public void Release(string o) { } } }
namespace Orchestrator.Actors.Processes { public sealed class ProcessActor { public static Akka.Actor.Props Props(ProcessSpec s, AdoptableProcess? a = null) => throw null!; } }
