namespace Orchestrator.Railway.Operations;

/// <summary><c>serviceInstance(environmentId, serviceId)</c>: the settings a service runs with in one environment, and its domains.</summary>
internal static class ServiceInstanceQuery
{
    public static readonly RailwayOperation Operation = new("ServiceInstance", """
        query ServiceInstance($environmentId: String!, $serviceId: String!) {
          serviceInstance(environmentId: $environmentId, serviceId: $serviceId) {
            source { image repo }
            startCommand
            numReplicas
            healthcheckPath
            healthcheckTimeout
            domains { serviceDomains { id domain } }
          }
        }
        """);
}

internal sealed record ServiceInstanceVariables(string EnvironmentId, string ServiceId);

internal sealed record ServiceInstanceData(RailwayServiceInstance ServiceInstance);

/// <summary>A service instance as the baseline's reconciliation reads it; a field Railway has no value for is null.</summary>
internal sealed record RailwayServiceInstance(
    RailwayServiceSource? Source,
    string? StartCommand,
    int? NumReplicas,
    string? HealthcheckPath,
    int? HealthcheckTimeout,
    RailwayInstanceDomains Domains);

internal sealed record RailwayServiceSource(string? Image, string? Repo);

internal sealed record RailwayInstanceDomains(IReadOnlyList<RailwayServiceDomain> ServiceDomains);
