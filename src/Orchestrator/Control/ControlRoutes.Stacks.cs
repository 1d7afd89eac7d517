using Microsoft.AspNetCore.Http;

namespace Orchestrator.Control;

internal sealed partial class ControlRoutes
{
    private async Task StackDeployAsync(HttpContext context, CancellationToken ct)
    {
        var request = await ReadBodyAsync(context, ControlJsonTypes.StackDeployRequest, ct);
        var accepted = await plane.DeployStackAsync(request, ct);
        await WriteJsonAsync(context, StatusCodes.Status200OK, accepted, ControlJsonTypes.StackRunResponse, ct);
    }

    private async Task StackStatusAsync(HttpContext context, CancellationToken ct)
    {
        var stack = QueryString(context, "stack")
            ?? throw new ControlRequestException(400, "the query parameter 'stack' is required", "GET /v1/stacks/status?stack=planexe");
        await WriteJsonAsync(context, StatusCodes.Status200OK, await plane.StackStatusAsync(stack, ct), ControlJsonTypes.StackStatusResponse, ct);
    }
}
