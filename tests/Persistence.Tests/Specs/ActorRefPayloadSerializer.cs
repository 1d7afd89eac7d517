using System.Runtime.Serialization;
using System.Text;
using Akka.Actor;
using Akka.Serialization;

namespace Orchestrator.Persistence.Tests.Specs;

/// <summary>
/// Writes the ref's full path with a string manifest. Like the TCK's serializer it refuses to run unless the plugin serializes
/// within <see cref="Akka.Serialization.Serialization.WithTransport{T}(ExtendedActorSystem, Func{T})"/>, which is what
/// tells serializers the node's address to write into actor refs.
/// </summary>
public sealed class ActorRefPayloadSerializer : SerializerWithStringManifest
{
    private const string PayloadManifest = "ref";

    public ActorRefPayloadSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    public override int Identifier => 4799;

    public override string Manifest(object o) => o is ActorRefPayload ? PayloadManifest : throw Unsupported(o.GetType().Name);

    public override byte[] ToBinary(object obj)
    {
        RequireTransportInformation();
        return obj is ActorRefPayload payload
            ? Encoding.UTF8.GetBytes(Akka.Serialization.Serialization.SerializedActorPath(payload.Ref))
            : throw Unsupported(obj.GetType().Name);
    }

    public override object FromBinary(byte[] bytes, string manifest) => manifest == PayloadManifest
        ? new ActorRefPayload(system.Provider.ResolveActorRef(Encoding.UTF8.GetString(bytes)))
        : throw Unsupported(manifest);

    private void RequireTransportInformation()
    {
        // Throws when the plugin serializes outside Serialization.WithTransport.
        var information = Akka.Serialization.Serialization.GetCurrentTransportInformation();
        if (!information.System.Equals(system) || information.Address != system.Provider.DefaultAddress)
        {
            throw new InvalidOperationException($"serialized with the transport information of {information.Address}, not {system.Provider.DefaultAddress}");
        }
    }

    private static SerializationException Unsupported(string what) =>
        new($"{nameof(ActorRefPayloadSerializer)} does not handle {what}");
}
