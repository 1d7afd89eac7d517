using Microsoft.AspNetCore.Http;

namespace Orchestrator.Control;

/// <summary>The operator console's cluster verbs and <c>orch deployments</c>.</summary>
internal sealed partial class ControlRoutes
{
    private async Task LeaveAsync(HttpContext context, CancellationToken ct)
    {
        var request = await ReadBodyAsync(context, ControlJsonTypes.LeaveRequest, ct);
        var result = await plane.LeaveAsync(request, ct);
        await WriteJsonAsync(context, StatusCodes.Status200OK, result, ControlJsonTypes.CommandResult, ct);
    }

    private async Task JoinAsync(HttpContext context, CancellationToken ct)
    {
        var request = await ReadBodyAsync(context, ControlJsonTypes.JoinRequest, ct);
        var result = await plane.JoinAsync(request, ct);
        await WriteJsonAsync(context, StatusCodes.Status200OK, result, ControlJsonTypes.CommandResult, ct);
    }

    private async Task DownUnreachableAsync(HttpContext context, CancellationToken ct)
    {
        var result = await plane.DownUnreachableAsync(ct);
        await WriteJsonAsync(context, StatusCodes.Status200OK, result, ControlJsonTypes.DownUnreachableResult, ct);
    }

    private Task ClusterTailAsync(HttpContext context, CancellationToken ct) =>
        StreamAsync(context, plane.ClusterEventsAsync(ct), ControlJsonTypes.ClusterEvent, ct);

    private async Task DeploymentsAsync(HttpContext context, CancellationToken ct)
    {
        var deployments = await plane.DeploymentsAsync(ct);
        await WriteJsonAsync(context, StatusCodes.Status200OK, deployments, ControlJsonTypes.DeploymentsResponse, ct);
    }
}
