using System.Runtime.CompilerServices;
using Orchestrator.Actors.Railway;
using Orchestrator.Control;
using Orchestrator.Control.Contracts;
using Orchestrator.Railway;
using Orchestrator.Railway.Operations;

namespace Orchestrator.Node;

/// <summary>A Railway deployment's output is Railway's: its last lines come from <c>deploymentLogs</c>, not from a file here.</summary>
internal static class RailwayLogs
{
    public sealed record Source(string App, string DeploymentId, string ProcessId, RailwayServiceStatus Railway);

    /// <summary>The Railway process a logs request names (the given deployment, else the active, else the newest); null for a local app.</summary>
    public static Source? Select(AppStatus app, LogsRequest request)
    {
        var deployment = request.DeploymentId is { } id
            ? app.Deployments.FirstOrDefault(d => d.Id == id)
            : app.Deployments.FirstOrDefault(d => d.Id == app.ActiveDeploymentId) ?? app.Deployments.FirstOrDefault();
        var process = deployment?.Processes.FirstOrDefault(p => p.Railway is not null && (request.ProcessId is null || p.Id == request.ProcessId));
        return process?.Railway is { } railway ? new Source(app.App, deployment!.Id, process.Id, railway) : null;
    }

    public static async IAsyncEnumerable<LogLine> ReadAsync(
        RailwayRuntime? runtime, Source source, LogsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (request.Follow)
        {
            throw new ControlPlaneException(400, $"{source.DeploymentId} runs on Railway, whose logs this build reads but does not follow",
                "leave out --follow, or follow them in Railway's dashboard");
        }

        if (runtime is null || source.Railway.DeploymentId is not { } deploymentId)
        {
            throw new ControlPlaneException(409, runtime is null
                    ? "this daemon has no Railway token, so it cannot read Railway's logs"
                    : $"{source.DeploymentId} has no Railway deployment yet, so it has no logs",
                runtime is null ? "start it with RAILWAY_TOKEN or RAILWAY_API_TOKEN" : "see `orch status` for how far its deploy got");
        }

        IReadOnlyList<RailwayLogLine> lines;
        try
        {
            lines = await runtime.ClientFor(source.Railway.ApiUrl).GetDeploymentLogsAsync(deploymentId, Math.Max(request.Lines, 1), null, cancellationToken);
        }
        catch (RailwayException ex)
        {
            throw new ControlPlaneException(502, $"Railway did not give the logs of {source.Railway.ServiceName}: {ex.Message}", "try again");
        }

        foreach (var line in lines.TakeLast(request.Lines))
        {
            yield return new LogLine(source.App, source.DeploymentId, source.ProcessId, line.Message);
        }
    }
}
