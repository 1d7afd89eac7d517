#pragma warning disable
namespace Orchestrator.Actors.Ports { public sealed class PortAllocator { public PortReservation Reserve(Orchestrator.Actors.Config.PortRange r, string o) => throw null!; public bool TryReserve(int p, string o) => true; public void Release(string o) { } } }
namespace Orchestrator.Actors.Processes { public sealed class ProcessActor { public static Akka.Actor.Props Props(ProcessSpec s, AdoptableProcess? a = null) => throw null!; } }
namespace Orchestrator.Actors.Config { public sealed record TemplateContext(string App, string DeploymentId, string ReleasePath, string Revision, string ProcessId, int? Port, IReadOnlyDictionary<string,int> Ports, IReadOnlyDictionary<string,string> Environment);
 public static class Templates { public static string Render(string t, TemplateContext c) => t; }
 public static class InjectedEnvironment { public static System.Collections.Immutable.ImmutableDictionary<string,string> For(TemplateContext c) => throw null!; } }
