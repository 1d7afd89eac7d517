using System.Text;
using Akka.Persistence;
using Akka.Serialization;

namespace Orchestrator.Persistence.Redis;

/// <summary>
/// One stored snapshot: sequence nr and timestamp ticks (int64 each), serializer id (int32), manifest
/// (length-prefixed UTF-8), then the snapshot bytes as written by the snapshot's own Akka serializer.
/// </summary>
internal sealed record SnapshotEnvelope(long SequenceNr, long TimestampTicks, int SerializerId, string Manifest, byte[] Bytes)
{
    public DateTime Timestamp => new(TimestampTicks, DateTimeKind.Utc);

    public bool Matches(SnapshotSelectionCriteria criteria) =>
        SequenceNr <= criteria.MaxSequenceNr && SequenceNr >= criteria.MinSequenceNr &&
        Timestamp <= criteria.MaxTimeStamp && Timestamp >= (criteria.MinTimestamp ?? DateTime.MinValue);

    public static SnapshotEnvelope Create(Serialization serialization, SnapshotMetadata metadata, object snapshot)
    {
        var serializer = serialization.FindSerializerFor(snapshot);
        return new SnapshotEnvelope(
            metadata.SequenceNr,
            metadata.Timestamp.Ticks,
            serializer.Identifier,
            Serialization.ManifestFor(serializer, snapshot),
            // As Akka's own persistence serializer does, so a snapshot's actor refs are written with this node's address.
            Serialization.WithTransport(serialization.System, () => serializer.ToBinary(snapshot)));
    }

    public object Deserialize(Serialization serialization) => serialization.Deserialize(Bytes, SerializerId, Manifest);

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(SequenceNr);
            writer.Write(TimestampTicks);
            writer.Write(SerializerId);
            writer.Write(Manifest);
            writer.Write(Bytes.Length);
            writer.Write(Bytes);
        }

        return stream.ToArray();
    }

    public static SnapshotEnvelope FromBytes(byte[] data)
    {
        using var reader = new BinaryReader(new MemoryStream(data), Encoding.UTF8);
        var sequenceNr = reader.ReadInt64();
        var timestampTicks = reader.ReadInt64();
        var serializerId = reader.ReadInt32();
        var manifest = reader.ReadString();
        var bytes = reader.ReadBytes(reader.ReadInt32());
        return new SnapshotEnvelope(sequenceNr, timestampTicks, serializerId, manifest, bytes);
    }
}
