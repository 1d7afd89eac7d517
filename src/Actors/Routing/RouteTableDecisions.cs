using System.Collections.Immutable;
using Orchestrator.Routing;

namespace Orchestrator.Actors.Routing;

/// <summary>The pure rules of an app's route table. Each change returns the next table, one version higher.</summary>
internal static class RouteTableDecisions
{
    public static RouteTable Activate(RouteTable table, ActivateRoute command)
    {
        var deployments = table.Deployments;
        if (table.ActiveDeploymentId is { } previous && previous != command.DeploymentId && deployments.TryGetValue(previous, out var old))
        {
            deployments = deployments.SetItem(previous, old with { State = RouteState.Draining });
        }

        deployments = deployments.SetItem(
            command.DeploymentId,
            new DeploymentRoute(command.DeploymentId, RouteState.Active, command.Destinations, WarmPath: command.WarmPath));
        return Next(table, command.Listener) with { ActiveDeploymentId = command.DeploymentId, Deployments = deployments };
    }

    public static RouteTable RegisterDraining(RouteTable table, RegisterDrainingRoute command)
    {
        var route = new DeploymentRoute(command.DeploymentId, RouteState.Draining, command.Destinations, command.DrainDeadline);
        var active = table.ActiveDeploymentId == command.DeploymentId ? null : table.ActiveDeploymentId;
        var next = table.Listen.Length == 0 ? Next(table, command.Listener) : Next(table);
        return next with { ActiveDeploymentId = active, Deployments = table.Deployments.SetItem(command.DeploymentId, route) };
    }

    public static RouteTable Remove(RouteTable table, RemoveRoute command) =>
        Next(table) with
        {
            ActiveDeploymentId = table.ActiveDeploymentId == command.DeploymentId ? null : table.ActiveDeploymentId,
            Deployments = table.Deployments.Remove(command.DeploymentId),
        };

    public static RouteTable Clear(RouteTable table) =>
        Next(table) with { ActiveDeploymentId = null, Deployments = ImmutableDictionary<string, DeploymentRoute>.Empty };

    private static RouteTable Next(RouteTable table, RouteListener? listener = null) =>
        listener is null
            ? table with { Version = table.Version + 1 }
            : table with
            {
                Version = table.Version + 1,
                Listen = listener.Listen,
                Hosts = listener.Hosts,
                Affinity = listener.Affinity,
                RequestTimeout = listener.RequestTimeout,
            };
}
