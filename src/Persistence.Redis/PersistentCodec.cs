using System.Collections.Immutable;
using System.Text;
using Akka.Persistence;
using Akka.Serialization;
using Orchestrator.Persistence.Query;

namespace Orchestrator.Persistence.Redis;

/// <summary>
/// Turns journal events into bytes and back with the serializer Akka registers for <see cref="Persistent"/>
/// (Akka's protobuf PersistentMessage: persistence id, sequence nr, timestamp, writer guid, manifest and the payload
/// serialized by the payload's own serializer). A tagged event is prefixed with its tags so queries can report them.
/// </summary>
internal sealed class PersistentCodec(Serialization serialization)
{
    /// <summary>Protobuf field numbers start at 1, so a PersistentMessage never starts with a zero byte.</summary>
    private const byte TaggedMarker = 0;

    private readonly Serializer _serializer = serialization.FindSerializerForType(typeof(Persistent));

    /// <summary>Untagged: the PersistentMessage bytes. Tagged: 0, int32 tag count, length-prefixed UTF-8 tags, then those bytes.</summary>
    public byte[] Encode(IPersistentRepresentation persistent, IImmutableSet<string> tags)
    {
        var message = _serializer.ToBinary(persistent);
        if (tags.Count == 0)
        {
            return message;
        }

        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(TaggedMarker);
            writer.Write(tags.Count);
            foreach (var tag in tags.Order(StringComparer.Ordinal))
            {
                writer.Write(tag);
            }

            writer.Write(message);
        }

        return stream.ToArray();
    }

    public StoredEvent Decode(byte[] bytes)
    {
        if (bytes.Length == 0 || bytes[0] != TaggedMarker)
        {
            return new StoredEvent(Deserialize(bytes), ImmutableHashSet<string>.Empty);
        }

        using var stream = new MemoryStream(bytes);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        reader.ReadByte();
        var tags = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        for (var count = reader.ReadInt32(); count > 0; count--)
        {
            tags.Add(reader.ReadString());
        }

        return new StoredEvent(Deserialize(bytes[(int)stream.Position..]), tags.ToImmutable());
    }

    private IPersistentRepresentation Deserialize(byte[] message) =>
        (IPersistentRepresentation)_serializer.FromBinary(message, typeof(Persistent));
}
