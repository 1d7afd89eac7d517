using Orchestrator.Railway;
using Orchestrator.Railway.Operations;

namespace Orchestrator.Cli.Railway;

/// <summary>A baseline service as Railway has it in the environment: its settings, domains and own variables (unrendered).</summary>
internal sealed record ActualService(string Id, RailwayServiceInstance Instance, IReadOnlyDictionary<string, string> Variables)
{
    public static async Task<ActualService> ReadAsync(RailwayClient client, RailwayPlacement placement, string serviceId, CancellationToken cancellationToken)
    {
        var variables = await client.GetServiceVariablesAsync(placement.ProjectId, placement.EnvironmentId, serviceId, cancellationToken);
        var instance = await client.GetServiceInstanceAsync(placement.EnvironmentId, serviceId, cancellationToken);
        return new ActualService(serviceId, instance, variables);
    }

    public string? Variable(string name) => Variables.GetValueOrDefault(name);

    public string? Domain => Instance.Domains.ServiceDomains.FirstOrDefault()?.Domain;
}
