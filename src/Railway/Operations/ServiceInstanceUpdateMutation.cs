namespace Orchestrator.Railway.Operations;

/// <summary><c>serviceInstanceUpdate</c>: a service's settings in one environment (health check, replicas, restarts...).</summary>
internal static class ServiceInstanceUpdateMutation
{
    public static readonly RailwayOperation Operation = new("ServiceInstanceUpdate", """
        mutation ServiceInstanceUpdate($serviceId: String!, $environmentId: String, $input: ServiceInstanceUpdateInput!) {
          serviceInstanceUpdate(serviceId: $serviceId, environmentId: $environmentId, input: $input)
        }
        """);
}

/// <summary>
/// The fields of Railway's <c>ServiceInstanceUpdateInput</c> a deployment sets. Railway unsets a field sent as null,
/// so a null one is left out of the request.
/// </summary>
internal sealed record ServiceInstanceUpdateInput
{
    public ServiceSourceInput? Source { get; init; }

    public string? StartCommand { get; init; }

    public string? HealthcheckPath { get; init; }

    /// <summary>Seconds.</summary>
    public int? HealthcheckTimeout { get; init; }

    public int? NumReplicas { get; init; }

    public string? Region { get; init; }

    public RestartPolicyType? RestartPolicyType { get; init; }

    public int? RestartPolicyMaxRetries { get; init; }

    /// <summary>Seconds an older deployment keeps running once a newer one is up.</summary>
    public int? OverlapSeconds { get; init; }

    /// <summary>Seconds between SIGTERM and SIGKILL.</summary>
    public int? DrainingSeconds { get; init; }

    public bool? SleepApplication { get; init; }
}

internal sealed record ServiceInstanceUpdateVariables(string ServiceId, ServiceInstanceUpdateInput Input)
{
    public string? EnvironmentId { get; init; }
}

internal sealed record ServiceInstanceUpdateData(bool ServiceInstanceUpdate);
