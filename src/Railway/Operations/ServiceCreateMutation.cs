namespace Orchestrator.Railway.Operations;

/// <summary><c>serviceCreate(input)</c>: a deployment's own service.</summary>
internal static class ServiceCreateMutation
{
    public static readonly RailwayOperation Operation = new("ServiceCreate", """
        mutation ServiceCreate($input: ServiceCreateInput!) {
          serviceCreate(input: $input) { id name }
        }
        """);
}

/// <summary>The fields of Railway's <c>ServiceCreateInput</c> this target sets; a null one is left out of the request.</summary>
internal sealed record ServiceCreateInput(string ProjectId)
{
    public string? EnvironmentId { get; init; }

    public string? Name { get; init; }

    public ServiceSourceInput? Source { get; init; }

    public string? Branch { get; init; }

    public IReadOnlyDictionary<string, string>? Variables { get; init; }
}

internal sealed record ServiceCreateVariables(ServiceCreateInput Input);

internal sealed record ServiceCreateData(NamedNode ServiceCreate);
