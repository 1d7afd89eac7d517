using Akka.Serialization;

namespace Orchestrator.Persistence.Sqlite;

/// <summary>An event's or a snapshot's payload as its Akka serializer wrote it: the serializer id, its manifest and the bytes.</summary>
internal sealed record SerializedPayload(int SerializerId, string Manifest, byte[] Bytes)
{
    public static SerializedPayload Of(Serialization serialization, object payload)
    {
        var serializer = serialization.FindSerializerFor(payload);
        return new SerializedPayload(
            serializer.Identifier,
            Serialization.ManifestFor(serializer, payload),
            // As Akka's own persistence serializer does, so actor refs inside are written with this node's address.
            Serialization.WithTransport(serialization.System, () => serializer.ToBinary(payload)));
    }

    /// <summary>The payload back; a row without a serializer id (none of this journal's) names the payload's type as its manifest.</summary>
    public static object Deserialize(Serialization serialization, byte[] bytes, int? serializerId, string manifest)
    {
        if (serializerId is { } id)
        {
            return serialization.Deserialize(bytes, id, manifest);
        }

        var type = Type.GetType(manifest, throwOnError: true)!;
        return serialization.FindSerializerForType(type).FromBinary(bytes, type);
    }
}
