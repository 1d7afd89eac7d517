using System.Collections.Immutable;
using Orchestrator.Routing;

namespace Orchestrator.Actors.Routing;

/// <summary>The pure rules of an app's route table. Each change returns the next table, one version higher.</summary>
internal static class RouteTableDecisions
{
    public static RouteTable Activate(RouteTable table, ActivateRoute command)
    {
        if (command.Canary is { } canary)
        {
            return Canary(table, command, canary);
        }

        var deployments = table.Deployments;
        if (table.ActiveDeploymentId is { } previous && previous != command.DeploymentId && deployments.TryGetValue(previous, out var old))
        {
            deployments = deployments.SetItem(previous, old with { State = RouteState.Draining });
        }

        deployments = deployments.SetItem(
            command.DeploymentId,
            new DeploymentRoute(command.DeploymentId, RouteState.Active, command.Destinations, WarmPath: command.WarmPath));
        // Activating the canary promotes it; activating the active one again (a recovery) keeps the canary beside it.
        var canaryLeft = table.Canary?.DeploymentId == command.DeploymentId ? null : table.Canary;
        return Next(table, command.Listener) with { ActiveDeploymentId = command.DeploymentId, Deployments = deployments, Canary = canaryLeft };
    }

    /// <summary>The deployment serves the requests its rule picks, beside the active one, which stays active.</summary>
    private static RouteTable Canary(RouteTable table, ActivateRoute command, CanaryRoute canary)
    {
        var route = new DeploymentRoute(command.DeploymentId, RouteState.Canary, command.Destinations, WarmPath: command.WarmPath);
        return Next(table, command.Listener) with
        {
            Deployments = table.Deployments.SetItem(command.DeploymentId, route),
            Canary = canary with { DeploymentId = command.DeploymentId },
        };
    }

    public static RouteTable RegisterDraining(RouteTable table, RegisterDrainingRoute command)
    {
        var route = new DeploymentRoute(command.DeploymentId, RouteState.Draining, command.Destinations, command.DrainDeadline);
        var active = table.ActiveDeploymentId == command.DeploymentId ? null : table.ActiveDeploymentId;
        var next = table.Listen.Length == 0 ? Next(table, command.Listener) : Next(table);
        // A canary rolled back drains: its rule goes, so every new request goes to the active deployment.
        var canary = table.Canary?.DeploymentId == command.DeploymentId ? null : table.Canary;
        return next with { ActiveDeploymentId = active, Deployments = table.Deployments.SetItem(command.DeploymentId, route), Canary = canary };
    }

    public static RouteTable Remove(RouteTable table, RemoveRoute command) =>
        Next(table) with
        {
            ActiveDeploymentId = table.ActiveDeploymentId == command.DeploymentId ? null : table.ActiveDeploymentId,
            Deployments = table.Deployments.Remove(command.DeploymentId),
            Canary = table.Canary?.DeploymentId == command.DeploymentId ? null : table.Canary,
        };

    public static RouteTable Clear(RouteTable table) =>
        Next(table) with { ActiveDeploymentId = null, Deployments = ImmutableDictionary<string, DeploymentRoute>.Empty, Canary = null };

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
