using System.Runtime.Serialization;
using System.Text;
using Akka.Actor;
using Akka.Serialization;
using Orchestrator.Actors.Messaging;
using Orchestrator.Actors.Routing;
using Orchestrator.Actors.Tests.Persistence;
using Orchestrator.Routing;
using Xunit;

namespace Orchestrator.Actors.Tests.Messaging;

public sealed class ClusterMessageSerializerTests : Akka.TestKit.Xunit2.TestKit
{
    public ClusterMessageSerializerTests()
        : base(OrchHocon.Local())
    {
    }

    public static TheoryData<string> Manifests => [.. ClusterMessageManifests.ByManifest.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The messages that carry an actor reference (a progress sink) to another node.</summary>
    public static TheoryData<string> ManifestsWithActorRefs =>
    [
        .. ClusterMessageManifests.ByType
            .Where(e => e.Key.GetProperties().Any(p => p.PropertyType == typeof(IActorRef)))
            .Select(e => e.Value)
            .Order(StringComparer.Ordinal),
    ];

    [Fact]
    public void Manifests_CoverEveryClusterMessageOfTheActorsAssembly()
    {
        var messageTypes = typeof(IClusterMessage).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IClusterMessage).IsAssignableFrom(t));

        Assert.Empty(messageTypes.Where(t => !ClusterMessageManifests.ByType.ContainsKey(t)).Select(t => t.FullName));
    }

    [Fact]
    public void SampleClusterMessages_CoverEveryManifest()
    {
        var samples = SampleClusterMessages.All(TestActor);
        var sampled = samples.Select(m => m.GetType()).ToHashSet();

        Assert.Empty(ClusterMessageManifests.ByType.Keys.Where(t => !sampled.Contains(t)).Select(t => t.Name));
        Assert.Equal(ClusterMessageManifests.ByType.Count, samples.Length);
    }

    [Fact]
    public void Manifests_AreVersionedAndUnique()
    {
        Assert.All(ClusterMessageManifests.ByType.Values, m => Assert.Matches(@"^[a-z]+(-[a-z]+)*\.v[0-9]+$", m));
        Assert.Equal(ClusterMessageManifests.ByType.Count, ClusterMessageManifests.ByManifest.Count);
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void FindSerializerFor_EveryMessage_IsClusterMessageSerializerWithItsManifest(string manifest)
    {
        var message = Sample(manifest);

        var serializer = Sys.Serialization.FindSerializerFor(message);

        Assert.IsType<ClusterMessageSerializer>(serializer);
        Assert.Equal(4712, serializer.Identifier);
        Assert.Equal(manifest, Akka.Serialization.Serialization.ManifestFor(serializer, message));
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void RoundTrip_EveryMessage_ComesBackEqual(string manifest)
    {
        var message = Sample(manifest);
        var serializer = Sys.Serialization.FindSerializerFor(message);

        var bytes = serializer.ToBinary(message);
        var back = Sys.Serialization.Deserialize(bytes, serializer.Identifier, manifest);

        Assert.IsType(message.GetType(), back);
        // Records holding immutable collections compare them by reference, so compare their full wire shape instead:
        // a field lost on the way back would be written again as its default.
        Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(serializer.ToBinary(back)));
    }

    [Theory]
    [MemberData(nameof(ManifestsWithActorRefs))]
    public void RoundTrip_ActorRef_ResolvesToTheSameActorAndStillDelivers(string manifest)
    {
        var sink = CreateTestProbe();
        var message = Sample(manifest, sink.Ref);
        var serializer = Sys.Serialization.FindSerializerFor(message);

        var back = Sys.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, manifest);

        var resolved = Assert.Single(ActorRefsOf(back));
        Assert.Equal(sink.Ref.Path, resolved.Path);
        resolved.Tell("deploy of web succeeded");
        sink.ExpectMsg("deploy of web succeeded", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void ToBinary_Enum_IsWrittenAsItsName()
    {
        var message = SampleClusterMessages.All(TestActor).OfType<RouteTable>().Single();
        var serializer = Sys.Serialization.FindSerializerFor(message);

        var json = Encoding.UTF8.GetString(serializer.ToBinary(message));

        Assert.Contains("\"state\":\"Draining\"", json);
    }

    [Fact]
    public void FromBinary_UnknownManifest_ThrowsSerializationExceptionNamingIt()
    {
        var error = Assert.Throws<SerializationException>(
            () => Sys.Serialization.Deserialize("{}"u8.ToArray(), 4712, "deploy-teleported.v1"));

        Assert.Contains("unknown message 'deploy-teleported.v1'", error.Message);
        Assert.Contains("another version of orch", error.Message);
    }

    [Fact]
    public void FromBinary_JsonNull_ThrowsSerializationExceptionNamingTheManifest()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(new ReplicaStarted("router-1"));

        var error = Assert.Throws<SerializationException>(() => serializer.FromBinary("null"u8.ToArray(), "replica-started.v1"));

        Assert.Contains("replica-started.v1", error.Message);
    }

    private object Sample(string manifest, IActorRef? progress = null) =>
        SampleClusterMessages.All(progress ?? TestActor).Single(m => ClusterMessageManifests.ByType[m.GetType()] == manifest);

    private static IEnumerable<IActorRef> ActorRefsOf(object message) =>
        message.GetType().GetProperties()
            .Where(p => p.PropertyType == typeof(IActorRef))
            .Select(p => (IActorRef)p.GetValue(message)!);
}
