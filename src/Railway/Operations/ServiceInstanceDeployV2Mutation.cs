namespace Orchestrator.Railway.Operations;

/// <summary><c>serviceInstanceDeployV2</c>: deploys a service instance and returns the deployment's id.</summary>
internal static class ServiceInstanceDeployV2Mutation
{
    public static readonly RailwayOperation Operation = new("ServiceInstanceDeployV2", """
        mutation ServiceInstanceDeployV2($serviceId: String!, $environmentId: String!, $commitSha: String) {
          serviceInstanceDeployV2(serviceId: $serviceId, environmentId: $environmentId, commitSha: $commitSha)
        }
        """);
}

internal sealed record ServiceInstanceDeployV2Variables(string ServiceId, string EnvironmentId)
{
    /// <summary>For a repo source: the commit to build; the branch's latest when null.</summary>
    public string? CommitSha { get; init; }
}

internal sealed record ServiceInstanceDeployV2Data(string ServiceInstanceDeployV2);
