using Akka.Persistence;
using Akka.Serialization;

namespace Orchestrator.Persistence.Redis;

/// <summary>
/// Turns journal events into bytes and back with the serializer Akka registers for <see cref="Persistent"/>
/// (Akka's protobuf PersistentMessage: persistence id, sequence nr, writer guid, manifest and the payload
/// serialized by the payload's own serializer).
/// </summary>
internal sealed class PersistentCodec(Serialization serialization)
{
    private readonly Serializer _serializer = serialization.FindSerializerForType(typeof(Persistent));

    public byte[] Encode(IPersistentRepresentation persistent) => _serializer.ToBinary(persistent);

    public IPersistentRepresentation Decode(byte[] bytes) => (IPersistentRepresentation)_serializer.FromBinary(bytes, typeof(Persistent));
}
