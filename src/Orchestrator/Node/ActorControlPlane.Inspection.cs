using System.Runtime.CompilerServices;
using Orchestrator.Control.Contracts;
using Orchestrator.Inspection;

namespace Orchestrator.Node;

internal sealed partial class ActorControlPlane
{
    public async Task<ShardRegionsResponse> ShardRegionsAsync(CancellationToken cancellationToken) =>
        ShardRegions.List((await actors).System);

    public async Task<RegionStatsResponse> RegionStatsAsync(RegionStatsRequest request, CancellationToken cancellationToken) =>
        await ShardRegions.StatsAsync((await actors).System, request.TypeName, Defaults.ShardingStatsTimeout, cancellationToken);

    public async Task<ActorHierarchyResponse> ActorHierarchyAsync(ActorHierarchyRequest request, CancellationToken cancellationToken) =>
        await ActorHierarchy.WalkAsync((await actors).System, request, cancellationToken);

    public async IAsyncEnumerable<NodeLogLine> NodeLogAsync(NodeLogRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ring = NodeLogRing.Of((await actors).System);
        await foreach (var line in NodeLog.ReadAsync(ring, request, cancellationToken))
        {
            yield return line;
        }
    }
}
