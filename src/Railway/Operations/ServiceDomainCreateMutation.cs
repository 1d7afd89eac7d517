namespace Orchestrator.Railway.Operations;

/// <summary><c>serviceDomainCreate(input)</c>: a public <c>*.up.railway.app</c> domain for a service, routed to one port.</summary>
internal static class ServiceDomainCreateMutation
{
    public static readonly RailwayOperation Operation = new("ServiceDomainCreate", """
        mutation ServiceDomainCreate($input: ServiceDomainCreateInput!) {
          serviceDomainCreate(input: $input) { id domain }
        }
        """);
}

/// <summary>Railway's <c>ServiceDomainCreateInput</c>.</summary>
internal sealed record ServiceDomainCreateInput(string EnvironmentId, string ServiceId)
{
    /// <summary>The port the domain's traffic goes to; Railway picks the service's <c>PORT</c> when null.</summary>
    public int? TargetPort { get; init; }
}

internal sealed record ServiceDomainCreateVariables(ServiceDomainCreateInput Input);

internal sealed record ServiceDomainCreateData(RailwayServiceDomain ServiceDomainCreate);

/// <summary>A service's public domain, without a scheme (e.g. <c>shop-router-production.up.railway.app</c>).</summary>
internal sealed record RailwayServiceDomain(string Id, string Domain);
