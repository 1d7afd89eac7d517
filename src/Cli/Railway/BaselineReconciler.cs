using Orchestrator.Railway;
using Orchestrator.Railway.Operations;

namespace Orchestrator.Cli.Railway;

/// <summary>Applies <see cref="ServiceChanges"/> to an existing service: variables without deploying, instance settings, domain, then one deploy.</summary>
internal static class BaselineReconciler
{
    public static async Task<BaselineServiceReport> ApplyAsync(
        RailwayClient client, RailwayPlacement placement, DesiredService desired, ActualService actual, CancellationToken cancellationToken)
    {
        var changes = ServiceChanges.Between(desired, actual);
        if (changes.None)
        {
            return new BaselineServiceReport(desired.Name, desired.Role, BaselineOutcome.Unchanged, desired.Image, [], actual.Domain, null);
        }

        if (changes.Variables.Count > 0)
        {
            await client.UpsertVariablesAsync(
                new VariableCollectionUpsertInput(placement.ProjectId, placement.EnvironmentId, changes.Variables) { ServiceId = actual.Id, SkipDeploys = true },
                cancellationToken);
        }

        if (changes.Instance is { } instance)
        {
            await client.UpdateServiceInstanceAsync(actual.Id, placement.EnvironmentId, instance, cancellationToken);
        }

        var domain = actual.Domain;
        if (changes.AddDomain)
        {
            domain = (await client.CreateServiceDomainAsync(
                new ServiceDomainCreateInput(placement.EnvironmentId, actual.Id) { TargetPort = desired.PublicPort }, cancellationToken)).Domain;
        }

        var deploymentId = changes.Redeploy
            ? await client.DeployServiceInstanceAsync(actual.Id, placement.EnvironmentId, cancellationToken: cancellationToken)
            : null;
        return new BaselineServiceReport(desired.Name, desired.Role, BaselineOutcome.Updated, desired.Image, changes.Descriptions, domain, deploymentId);
    }
}
