namespace Orchestrator.Railway.Operations;

/// <summary>Every document the client sends, so a test can check each against Railway's schema.</summary>
internal static class RailwayOperations
{
    public static readonly IReadOnlyList<RailwayOperation> All =
    [
        ProjectQuery.Operation,
        ServiceCreateMutation.Operation,
        VariableCollectionUpsertMutation.Operation,
        ServiceInstanceUpdateMutation.Operation,
        ServiceInstanceDeployV2Mutation.Operation,
        DeploymentQuery.Operation,
        VariablesForServiceDeploymentQuery.Operation,
        VariablesQuery.Operation,
        ServiceDeleteMutation.Operation,
        DeploymentLogsQuery.Operation,
        ServiceInstanceQuery.Operation,
        ServiceDomainCreateMutation.Operation,
        VolumeCreateMutation.Operation,
        ProjectTokenQuery.Operation,
        MeWorkspacesQuery.Operation,
        ProjectsQuery.Operation,
    ];
}
