namespace Orchestrator.Railway.Operations;

/// <summary><c>deployment(id)</c>: where a deployment is in Railway's lifecycle.</summary>
internal static class DeploymentQuery
{
    public static readonly RailwayOperation Operation = new("Deployment", """
        query Deployment($id: String!) {
          deployment(id: $id) { id status serviceId environmentId staticUrl }
        }
        """);
}

internal sealed record DeploymentVariables(string Id);

internal sealed record DeploymentData(RailwayDeployment Deployment);

/// <summary>A deployment as the deploy path reads it.</summary>
internal sealed record RailwayDeployment(string Id, DeploymentStatus Status, string? ServiceId, string EnvironmentId, string? StaticUrl);
