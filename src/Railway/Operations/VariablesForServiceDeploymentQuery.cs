namespace Orchestrator.Railway.Operations;

/// <summary><c>variablesForServiceDeployment</c>: the rendered variables a deployment runs with, <c>RAILWAY_PRIVATE_DOMAIN</c> among them.</summary>
internal static class VariablesForServiceDeploymentQuery
{
    public static readonly RailwayOperation Operation = new("VariablesForServiceDeployment", """
        query VariablesForServiceDeployment($projectId: String!, $environmentId: String!, $serviceId: String!) {
          variablesForServiceDeployment(projectId: $projectId, environmentId: $environmentId, serviceId: $serviceId)
        }
        """);
}

internal sealed record VariablesForServiceDeploymentVariables(string ProjectId, string EnvironmentId, string ServiceId);

internal sealed record VariablesForServiceDeploymentData(IReadOnlyDictionary<string, string> VariablesForServiceDeployment);
