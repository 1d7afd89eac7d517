using Akka.Configuration;

namespace Orchestrator.Persistence.Tests.Specs;

/// <summary>What every backend spec runs with on top of its backend's HOCON.</summary>
internal static class SpecConfig
{
    public static Config On(Config backend) =>
        SpecTimeouts.Config.WithFallback(ActorRefPayload.Binding).WithFallback(backend);
}
