using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace Orchestrator.Actors.Messaging;

/// <summary>Writes <see cref="IClusterMessage"/>s as UTF-8 JSON under the names of <see cref="ClusterMessageManifests"/>.</summary>
public sealed class ClusterMessageSerializer : SerializerWithStringManifest
{
    private readonly JsonSerializerOptions _options;

    public ClusterMessageSerializer(ExtendedActorSystem system)
        : base(system)
    {
        _options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Converters = { new JsonStringEnumConverter(), new ActorRefJsonConverter(system) },
        };
    }

    public override int Identifier => 4712;

    public override string Manifest(object o) =>
        ClusterMessageManifests.ByType.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new ArgumentException($"no wire name for {o.GetType()}; add it to {nameof(ClusterMessageManifests)}", nameof(o));

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), _options);

    public override object FromBinary(byte[] bytes, string manifest) =>
        ClusterMessageManifests.ByManifest.TryGetValue(manifest, out var type)
            ? JsonSerializer.Deserialize(bytes, type, _options) ?? throw new SerializationException($"message {manifest} deserialized to null")
            : throw new SerializationException($"unknown message '{manifest}'; is a node running another version of orch?");
}
