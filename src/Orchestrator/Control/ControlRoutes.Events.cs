using System.Globalization;
using Microsoft.AspNetCore.Http;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Control;

/// <summary>The event log's route.</summary>
internal sealed partial class ControlRoutes
{
    private async Task EventsAsync(HttpContext context, CancellationToken ct)
    {
        var limit = QueryString(context, "limit") is null ? (int?)null : QueryInt(context, "limit", defaultValue: EventsRequest.DefaultLimit);
        var since = QuerySince(context);
        if (limit is not null && since is not null)
        {
            throw new ControlRequestException(StatusCodes.Status400BadRequest, "GET /v1/events takes since or limit, not both", "drop one of them");
        }

        var request = new EventsRequest(QueryString(context, "app"), since, limit, QueryBool(context, "follow"));
        ControlRequestRules.Check(request);
        await StreamAsync(context, plane.EventsAsync(request, ct), ControlJsonTypes.TimelineEntry, ct);
    }

    private static DateTimeOffset? QuerySince(HttpContext context) => QueryString(context, "since") switch
    {
        null => null,
        var text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) => at,
        var text => throw new ControlRequestException(StatusCodes.Status400BadRequest,
            $"query parameter since={text} is not a time", "give an ISO 8601 time such as 2026-01-01T12:00:00Z"),
    };
}
