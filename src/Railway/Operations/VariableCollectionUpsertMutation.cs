namespace Orchestrator.Railway.Operations;

/// <summary><c>variableCollectionUpsert(input)</c>: a service's variables in one call, with <c>skipDeploys</c>.</summary>
internal static class VariableCollectionUpsertMutation
{
    public static readonly RailwayOperation Operation = new("VariableCollectionUpsert", """
        mutation VariableCollectionUpsert($input: VariableCollectionUpsertInput!) {
          variableCollectionUpsert(input: $input)
        }
        """);
}

/// <summary>Railway's <c>VariableCollectionUpsertInput</c>; <see cref="SkipDeploys"/> keeps Railway from deploying on the change.</summary>
internal sealed record VariableCollectionUpsertInput(
    string ProjectId, string EnvironmentId, IReadOnlyDictionary<string, string> Variables)
{
    public string? ServiceId { get; init; }

    /// <summary>Removes the service's other variables first.</summary>
    public bool? Replace { get; init; }

    public bool? SkipDeploys { get; init; }
}

internal sealed record VariableCollectionUpsertVariables(VariableCollectionUpsertInput Input);

internal sealed record VariableCollectionUpsertData(bool VariableCollectionUpsert);
