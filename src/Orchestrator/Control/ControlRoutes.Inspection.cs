using Microsoft.AspNetCore.Http;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Control;

/// <summary>The routes of the operator console's inspection verbs.</summary>
internal sealed partial class ControlRoutes
{
    private async Task ShardRegionsAsync(HttpContext context, CancellationToken ct)
    {
        var regions = await plane.ShardRegionsAsync(ct);
        await WriteJsonAsync(context, StatusCodes.Status200OK, regions, ControlJsonTypes.ShardRegionsResponse, ct);
    }

    private async Task RegionStatsAsync(HttpContext context, CancellationToken ct)
    {
        var type = QueryString(context, "type")
            ?? throw new ControlRequestException(StatusCodes.Status400BadRequest, "GET /v1/sharding/region-stats needs ?type=TYPE", "e.g. type=apps");
        var stats = await plane.RegionStatsAsync(new RegionStatsRequest(type), ct);
        await WriteJsonAsync(context, StatusCodes.Status200OK, stats, ControlJsonTypes.RegionStatsResponse, ct);
    }

    private async Task ActorHierarchyAsync(HttpContext context, CancellationToken ct)
    {
        var depth = QueryString(context, "depth") is null ? (int?)null : QueryInt(context, "depth", defaultValue: 0);
        var request = new ActorHierarchyRequest(QueryString(context, "path") ?? ActorHierarchyRequest.DefaultPath, depth);
        var hierarchy = await plane.ActorHierarchyAsync(request, ct);
        await WriteJsonAsync(context, StatusCodes.Status200OK, hierarchy, ControlJsonTypes.ActorHierarchyResponse, ct);
    }

    private async Task NodeLogAsync(HttpContext context, CancellationToken ct)
    {
        var request = new NodeLogRequest(QueryLevel(context), QueryBool(context, "follow"));
        await StreamAsync(context, plane.NodeLogAsync(request, ct), ControlJsonTypes.NodeLogLine, ct);
    }

    private static NodeLogLevel QueryLevel(HttpContext context) => QueryString(context, "level") switch
    {
        null => NodeLogRequest.DefaultLevel,
        var text when Enum.TryParse<NodeLogLevel>(text, ignoreCase: true, out var level) && Enum.IsDefined(level) => level,
        var text => throw new ControlRequestException(StatusCodes.Status400BadRequest,
            $"query parameter level={text} is not a log level", "give one of " + string.Join(", ", Enum.GetNames<NodeLogLevel>()).ToLowerInvariant()),
    };
}
