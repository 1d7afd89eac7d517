using Orchestrator.Railway;
using Orchestrator.Railway.Operations;

namespace Orchestrator.Cli.Railway;

/// <summary>
/// Creates one baseline service in the order a deployment's service is created: the service without a source (one
/// created with an image deploys at once, before its variables), its variables without deploying, its instance
/// settings with the image, its volume and public domain, then one deploy.
/// </summary>
internal static class BaselineCreator
{
    public static async Task<BaselineServiceReport> CreateAsync(
        RailwayClient client, RailwayPlacement placement, DesiredService desired, CancellationToken cancellationToken)
    {
        var service = await client.CreateServiceAsync(
            new ServiceCreateInput(placement.ProjectId) { EnvironmentId = placement.EnvironmentId, Name = desired.Name }, cancellationToken);
        if (desired.Variables.Count > 0)
        {
            await client.UpsertVariablesAsync(
                new VariableCollectionUpsertInput(placement.ProjectId, placement.EnvironmentId, desired.Variables) { ServiceId = service.Id, SkipDeploys = true },
                cancellationToken);
        }

        if (!desired.Deployed)
        {
            return new BaselineServiceReport(desired.Name, desired.Role, BaselineOutcome.Created, desired.Image, ["created without a source: its variables are yours"], null, null);
        }

        await client.UpdateServiceInstanceAsync(
            service.Id,
            placement.EnvironmentId,
            new ServiceInstanceUpdateInput { Source = new ServiceSourceInput(Image: desired.Image), StartCommand = desired.StartCommand, NumReplicas = desired.Replicas },
            cancellationToken);
        List<string> changes = ["created"];
        if (desired.VolumeMountPath is { } mountPath)
        {
            await client.CreateVolumeAsync(new VolumeCreateInput(placement.ProjectId, placement.EnvironmentId, service.Id, mountPath), cancellationToken);
            changes.Add($"volume at {mountPath}");
        }

        string? domain = null;
        if (desired.PublicPort is { } port)
        {
            domain = (await client.CreateServiceDomainAsync(new ServiceDomainCreateInput(placement.EnvironmentId, service.Id) { TargetPort = port }, cancellationToken)).Domain;
            changes.Add($"public domain to port {port}");
        }

        var deploymentId = await client.DeployServiceInstanceAsync(service.Id, placement.EnvironmentId, cancellationToken: cancellationToken);
        return new BaselineServiceReport(desired.Name, desired.Role, BaselineOutcome.Created, desired.Image, changes, domain, deploymentId);
    }
}
