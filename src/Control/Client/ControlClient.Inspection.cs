using System.Globalization;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Control.Client;

/// <summary>The operator console's inspection routes.</summary>
internal sealed partial class ControlClient
{
    public Task<ShardRegionsResponse> ShardRegionsAsync(CancellationToken cancellationToken) =>
        SendAsync<ShardRegionsResponse>(new("GET", "/v1/sharding/regions"), cancellationToken);

    public Task<RegionStatsResponse> RegionStatsAsync(RegionStatsRequest request, CancellationToken cancellationToken) =>
        SendAsync<RegionStatsResponse>(new("GET", "/v1/sharding/region-stats" + Query(("type", request.TypeName))), cancellationToken);

    public Task<ActorHierarchyResponse> ActorHierarchyAsync(ActorHierarchyRequest request, CancellationToken cancellationToken) =>
        SendAsync<ActorHierarchyResponse>(
            new("GET", "/v1/actors/hierarchy" + Query(("path", request.Path), ("depth", request.Depth?.ToString(CultureInfo.InvariantCulture)))),
            cancellationToken);

    public IAsyncEnumerable<NodeLogLine> NodeLogAsync(NodeLogRequest request, CancellationToken cancellationToken) =>
        StreamAsync<NodeLogLine>(
            new("GET", "/v1/node-log" + Query(("level", request.Level.ToString().ToLowerInvariant()), ("follow", request.Follow ? "true" : "false"))),
            cancellationToken);
}
