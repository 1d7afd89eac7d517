using Akka.Actor;
using Akka.Configuration;

namespace Orchestrator.Persistence.Tests.Specs;

/// <summary>An event or snapshot that holds an actor ref, like the TCK's TestPayload: after a round trip the ref must still reach the actor.</summary>
public sealed record ActorRefPayload(IActorRef Ref)
{
    /// <summary>Binds <see cref="ActorRefPayload"/> to <see cref="ActorRefPayloadSerializer"/>.</summary>
    public static readonly Config Binding = ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers.actor-ref-payload = "{{typeof(ActorRefPayloadSerializer).AssemblyQualifiedName}}"
          serialization-bindings { "{{typeof(ActorRefPayload).AssemblyQualifiedName}}" = actor-ref-payload }
        }
        """);
}
