namespace Orchestrator.Railway.Operations;

/// <summary><c>variables(projectId, environmentId, serviceId, unrendered)</c>: a service's own variables, e.g. the names the app's env service holds.</summary>
internal static class VariablesQuery
{
    public static readonly RailwayOperation Operation = new("Variables", """
        query Variables($projectId: String!, $environmentId: String!, $serviceId: String, $unrendered: Boolean) {
          variables(projectId: $projectId, environmentId: $environmentId, serviceId: $serviceId, unrendered: $unrendered)
        }
        """);
}

internal sealed record VariablesVariables(string ProjectId, string EnvironmentId)
{
    public string? ServiceId { get; init; }

    public bool? Unrendered { get; init; }
}

internal sealed record VariablesData(IReadOnlyDictionary<string, string> Variables);
