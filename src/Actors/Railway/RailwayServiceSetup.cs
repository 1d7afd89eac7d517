using Orchestrator.Config;
using Orchestrator.Railway;
using Orchestrator.Railway.Operations;

namespace Orchestrator.Actors.Railway;

/// <summary>
/// The calls that bring a deployment's service up, in the order: create the service, write its variables
/// without deploying, apply its instance settings, then deploy.
/// </summary>
internal static class RailwayServiceSetup
{
    /// <returns>The new service, and the app's env service (null: it has none).</returns>
    public static async Task<(RailwayServiceRecord Service, string? EnvServiceId)> CreateAsync(RailwayClient client, RailwayServiceSpec spec, CancellationToken cancellationToken)
    {
        var config = spec.Config;
        var placement = await RailwayPlacement.ResolveAsync(
            client, new(config.Workspace.Name, config.Workspace.Id), new(config.Project.Name, config.Project.Id), new(config.Environment.Name, config.Environment.Id), cancellationToken).ConfigureAwait(false);
        var name = config.DeploymentServiceName(spec.DeploymentId);

        // An image is set as the instance's source afterwards: a service created with one deploys at once, before its settings.
        var input = new ServiceCreateInput(placement.ProjectId)
        {
            EnvironmentId = placement.EnvironmentId,
            Name = name,
            Source = config.Repo is { } repo ? new ServiceSourceInput(Repo: repo) : null,
            Branch = config.Repo is null ? null : config.Branch,
        };
        var service = await client.CreateServiceAsync(input, cancellationToken).ConfigureAwait(false);
        return (new RailwayServiceRecord(placement.ProjectId, placement.EnvironmentId, service.Id, service.Name, config.ApiUrl), placement.ServiceId(config.EnvServiceName));
    }

    /// <returns>Railway's id of the deployment it started.</returns>
    public static async Task<string> DeployAsync(
        RailwayClient client, RailwayServiceSpec spec, RailwayServiceRecord service, string? envServiceId, CancellationToken cancellationToken)
    {
        var variables = new Dictionary<string, string>(spec.Variables, StringComparer.Ordinal);
        foreach (var (name, reference) in await EnvReferencesAsync(client, spec.Config, service, envServiceId, cancellationToken).ConfigureAwait(false))
        {
            variables.TryAdd(name, reference);
        }

        await client.UpsertVariablesAsync(
            new VariableCollectionUpsertInput(service.ProjectId, service.EnvironmentId, variables) { ServiceId = service.ServiceId, SkipDeploys = true },
            cancellationToken).ConfigureAwait(false);
        await client.UpdateServiceInstanceAsync(service.ServiceId, service.EnvironmentId, InstanceSettings(spec), cancellationToken).ConfigureAwait(false);
        return await client.DeployServiceInstanceAsync(service.ServiceId, service.EnvironmentId, spec.CommitSha, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>${{&lt;app&gt;-env.NAME}}</c> for each variable of the app's env service: its secrets live there, in one place.</summary>
    private static async Task<IEnumerable<KeyValuePair<string, string>>> EnvReferencesAsync(
        RailwayClient client, RailwayConfig config, RailwayServiceRecord service, string? envServiceId, CancellationToken cancellationToken)
    {
        if (envServiceId is null)
        {
            return [];
        }

        var names = await client.GetServiceVariablesAsync(service.ProjectId, service.EnvironmentId, envServiceId, cancellationToken).ConfigureAwait(false);
        return names.Keys.Select(name => KeyValuePair.Create(name, $"${{{{{config.EnvServiceName}.{name}}}}}"));
    }

    private static ServiceInstanceUpdateInput InstanceSettings(RailwayServiceSpec spec)
    {
        var config = spec.Config;
        return new ServiceInstanceUpdateInput
        {
            Source = spec.Image is { } image ? new ServiceSourceInput(Image: image) : null,
            StartCommand = config.StartCommand,
            HealthcheckPath = config.HealthcheckPath,
            HealthcheckTimeout = (int)Math.Ceiling(config.HealthcheckTimeout.TotalSeconds),
            NumReplicas = config.Replicas,
            Region = config.Region,
            RestartPolicyType = config.RestartPolicy switch
            {
                RailwayRestartPolicy.Always => RestartPolicyType.Always,
                RailwayRestartPolicy.Never => RestartPolicyType.Never,
                _ => RestartPolicyType.OnFailure,
            },
            RestartPolicyMaxRetries = config.RestartPolicy == RailwayRestartPolicy.OnFailure ? config.MaxRetries : null,

            // One service per deployment: Railway never replaces one of ours with a newer one, our router moves the traffic.
            OverlapSeconds = 0,
            DrainingSeconds = (int)Math.Ceiling(spec.StopGrace.TotalSeconds),
        };
    }
}
