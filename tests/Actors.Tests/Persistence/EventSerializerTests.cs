using System.Runtime.Serialization;
using System.Text;
using System.Text.Json;
using Akka.Serialization;
using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Persistence;
using Orchestrator.Actors.Routing;
using Orchestrator.Routing;
using Xunit;

namespace Orchestrator.Actors.Tests.Persistence;

public sealed class EventSerializerTests : Akka.TestKit.Xunit2.TestKit
{
    public EventSerializerTests()
        : base(OrchHocon.Local())
    {
    }

    public static TheoryData<string> Manifests => [.. EventManifests.ByManifest.Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public void SampleEvents_CoverEveryManifest()
    {
        var sampled = SampleEvents.All.Select(e => e.GetType()).ToHashSet();

        Assert.Empty(EventManifests.ByType.Keys.Where(t => !sampled.Contains(t)).Select(t => t.Name));
        Assert.Equal(EventManifests.ByType.Count, SampleEvents.All.Length);
    }

    [Fact]
    public void Manifests_AreVersionedAndUnique()
    {
        Assert.All(EventManifests.ByType.Values, m => Assert.Matches(@"^[a-z]+(-[a-z]+)*\.v[0-9]+$", m));
        Assert.Equal(EventManifests.ByType.Count, EventManifests.ByManifest.Count);
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void FindSerializerFor_EveryEvent_IsEventSerializerWithTheV1Manifest(string manifest)
    {
        var evt = Sample(manifest);

        var serializer = Sys.Serialization.FindSerializerFor(evt);

        Assert.IsType<EventSerializer>(serializer);
        Assert.Equal(4711, serializer.Identifier);
        Assert.Equal(manifest, Akka.Serialization.Serialization.ManifestFor(serializer, evt));
        Assert.EndsWith(".v1", manifest);
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void RoundTrip_EveryEvent_ComesBackEqual(string manifest)
    {
        var evt = Sample(manifest);
        var serializer = Sys.Serialization.FindSerializerFor(evt);

        var bytes = serializer.ToBinary(evt);
        var back = Sys.Serialization.Deserialize(bytes, serializer.Identifier, manifest);

        Assert.IsType(evt.GetType(), back);
        // Records holding immutable collections compare them by reference, so compare their full JSON shape instead.
        Assert.Equal(JsonSerializer.Serialize(evt, evt.GetType()), JsonSerializer.Serialize(back, back.GetType()));
    }

    [Fact]
    public void FromBinary_StoredV1Json_StillReads()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(SampleEvents.All[0]);
        var drain = """{"at":"2025-03-01T14:05:09+02:00","deadline":"2025-03-01T14:06:09+02:00"}""";
        var table = """
            {"table":{"app":"web","version":3,"listen":"127.0.0.1:8182","hosts":[],"affinity":false,
             "activeDeploymentId":"b","deployments":{"a":{"deploymentId":"a","state":"Draining","destinations":["http://127.0.0.1:1"]},
             "b":{"deploymentId":"b","state":"Active","destinations":["http://127.0.0.1:2"]}}}}
            """;

        var started = Assert.IsType<DeploymentDrainStarted>(serializer.FromBinary(Encoding.UTF8.GetBytes(drain), "deployment-drain-started.v1"));
        var changed = Assert.IsType<RouteTableChanged>(serializer.FromBinary(Encoding.UTF8.GetBytes(table), "route-table-changed.v1"));

        Assert.Equal(TimeSpan.FromSeconds(60), started.Deadline - started.At);
        Assert.Equal(3, changed.Table.Version);
        Assert.Equal(RouteState.Draining, changed.Table.Deployments["a"].State);
        Assert.Equal("b", changed.Table.Active?.DeploymentId);
        Assert.Null(changed.Table.RequestTimeout); // written before request_timeout existed: the router's default applies
    }

    [Fact]
    public void ToBinary_Enum_IsWrittenAsItsName()
    {
        var evt = SampleEvents.All.OfType<RouteTableChanged>().Single();
        var serializer = Sys.Serialization.FindSerializerFor(evt);

        var json = Encoding.UTF8.GetString(serializer.ToBinary(evt));

        Assert.Contains("\"state\":\"Draining\"", json);
    }

    [Fact]
    public void FromBinary_RouteTableJournaledBeforeCanaries_ReadsWithNoCanary()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(SampleEvents.All.OfType<RouteTableChanged>().Single());
        var json = """
            {"table":{"app":"web","version":3,"listen":"127.0.0.1:8182","hosts":[],"affinity":false,"activeDeploymentId":"web-1",
             "deployments":{"web-1":{"deploymentId":"web-1","state":"Active","destinations":["http://127.0.0.1:18182"]}}}}
            """u8.ToArray();

        var table = ((RouteTableChanged)serializer.FromBinary(json, "route-table-changed.v1")).Table;

        Assert.Null(table.Canary);
        Assert.Equal("web-1", table.ActiveDeploymentId);
    }

    [Fact]
    public void FromBinary_UnknownManifest_ThrowsSerializationExceptionNamingIt()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(SampleEvents.All[0]);

        var error = Assert.Throws<SerializationException>(() => serializer.FromBinary("{}"u8.ToArray(), "deployment-teleported.v1"));

        Assert.Contains("unknown event manifest 'deployment-teleported.v1'", error.Message);
    }

    [Fact]
    public void FromBinary_JsonNull_ThrowsSerializationException()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(SampleEvents.All[0]);

        var error = Assert.Throws<SerializationException>(() => serializer.FromBinary("null"u8.ToArray(), "deployment-activated.v1"));

        Assert.Contains("deployment-activated.v1", error.Message);
    }

    [Fact]
    public void Manifest_TypeWithoutManifest_ThrowsNamingTheType()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(SampleEvents.All[0]);

        var error = Assert.Throws<ArgumentException>(() => serializer.Manifest(new RouteTableApplied("web", 1, "replica")));

        Assert.Contains(nameof(RouteTableApplied), error.Message);
    }

    private static object Sample(string manifest) =>
        SampleEvents.All.Single(e => EventManifests.ByType[e.GetType()] == manifest);
}
