using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace Orchestrator.Actors.Persistence;

/// <summary>Writes <see cref="IPersistedEvent"/>s as UTF-8 JSON under the manifests of <see cref="EventManifests"/>.</summary>
public sealed class EventSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    internal static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Fixed forever: it is written next to every event in the journal.</summary>
    public override int Identifier => 4711;

    public override string Manifest(object o) =>
        EventManifests.ByType.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new ArgumentException($"no manifest for {o.GetType()}; add it to {nameof(EventManifests)}", nameof(o));

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Options);

    public override object FromBinary(byte[] bytes, string manifest) =>
        EventManifests.ByManifest.TryGetValue(manifest, out var type)
            ? JsonSerializer.Deserialize(bytes, type, Options)
              ?? throw new SerializationException($"event {manifest} deserialized to null")
            : throw new SerializationException($"unknown event manifest '{manifest}'");
}
