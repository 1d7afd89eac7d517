using Akka.Actor;

namespace Orchestrator.Inspection;

/// <summary>The actor system's one <see cref="LogRing"/>: <see cref="LogRingLogger"/> fills it, the control plane reads it.</summary>
internal sealed class NodeLogRing(LogRing ring) : IExtension
{
    public LogRing Ring { get; } = ring;

    public static LogRing Of(ActorSystem system) => system.WithExtension<NodeLogRing, NodeLogRingProvider>().Ring;
}

internal sealed class NodeLogRingProvider : ExtensionIdProvider<NodeLogRing>
{
    public override NodeLogRing CreateExtension(ExtendedActorSystem system) => new(new LogRing(Defaults.NodeLogRingLines));
}
