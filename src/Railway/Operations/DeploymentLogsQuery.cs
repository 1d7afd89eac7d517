namespace Orchestrator.Railway.Operations;

/// <summary><c>deploymentLogs</c>: a deployment's last lines, shown when it fails.</summary>
internal static class DeploymentLogsQuery
{
    public static readonly RailwayOperation Operation = new("DeploymentLogs", """
        query DeploymentLogs($deploymentId: String!, $limit: Int, $filter: String) {
          deploymentLogs(deploymentId: $deploymentId, limit: $limit, filter: $filter) { timestamp message severity }
        }
        """);
}

internal sealed record DeploymentLogsVariables(string DeploymentId)
{
    /// <summary>Railway's default is 100, its maximum 5000.</summary>
    public int? Limit { get; init; }

    public string? Filter { get; init; }
}

internal sealed record DeploymentLogsData(IReadOnlyList<RailwayLogLine> DeploymentLogs);

/// <summary>One line of a deployment's log.</summary>
internal sealed record RailwayLogLine(string Timestamp, string Message, string? Severity);
