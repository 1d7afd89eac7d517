namespace Orchestrator.Railway.Operations;

/// <summary><c>serviceDelete</c>: removes a deployment's service and stops what it runs.</summary>
internal static class ServiceDeleteMutation
{
    public static readonly RailwayOperation Operation = new("ServiceDelete", """
        mutation ServiceDelete($id: String!, $environmentId: String) {
          serviceDelete(id: $id, environmentId: $environmentId)
        }
        """);
}

internal sealed record ServiceDeleteVariables(string Id)
{
    /// <summary>Only in this (forked) environment; in every unforked one when null.</summary>
    public string? EnvironmentId { get; init; }
}

internal sealed record ServiceDeleteData(bool ServiceDelete);
