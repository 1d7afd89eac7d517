using Orchestrator.Control.Contracts;

namespace Orchestrator.Control.Tests;

/// <summary>The inspection verbs of the scripted plane: one node hosting both regions, a small tree and a few log lines.</summary>
internal sealed partial class ScriptedControlPlane
{
    public const string SelfAddress = "akka.tcp://orch@127.0.0.1:4053";

    public Task<ShardRegionsResponse> ShardRegionsAsync(CancellationToken cancellationToken) => Task.FromResult(new ShardRegionsResponse(
        SelfAddress,
        [new ShardRegionInfo("apps", true, "/system/sharding/apps"), new ShardRegionInfo("route-tables", true, "/system/sharding/route-tables")]));

    public Task<RegionStatsResponse> RegionStatsAsync(RegionStatsRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return request.TypeName == "apps"
            ? Task.FromResult(new RegionStatsResponse(
                "apps",
                [new RegionNodeStats(SelfAddress, 2, 3), new RegionNodeStats("akka.tcp://orch@127.0.0.1:4054", 1, 1)],
                3,
                4,
                []))
            : throw new ControlPlaneException(404, $"no shard region of type '{request.TypeName}' on this node", "types: apps, route-tables");
    }

    public Task<ActorHierarchyResponse> ActorHierarchyAsync(ActorHierarchyRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return Task.FromResult(new ActorHierarchyResponse(
            SelfAddress,
            request.Path,
            request.Depth,
            [new ActorEntry("/user", 0), new ActorEntry("/user/journal-backup", 1), new ActorEntry("/user/journal-backup/timer", 2)],
            Truncated: false));
    }

    public Func<NodeLogRequest, IEnumerable<NodeLogLine>> NodeLog { get; init; } = _ => SampleNodeLog();

    public IAsyncEnumerable<NodeLogLine> NodeLogAsync(NodeLogRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return Yield(() => NodeLog(request).Where(l => l.Level >= request.Level), cancellationToken);
    }

    public static IReadOnlyList<NodeLogLine> SampleNodeLog() =>
    [
        new(new DateTimeOffset(2026, 12, 3, 10, 0, 0, 123, TimeSpan.Zero), NodeLogLevel.Info, "akka://orch/system/sharding/route-tables/1/web-app",
            "route table of web-app is now version 2", 12),
        new(new DateTimeOffset(2026, 12, 3, 10, 0, 1, 0, TimeSpan.Zero), NodeLogLevel.Warning, "akka://orch/system/cluster/core/daemon",
            "a member is unreachable", 7),
    ];
}
