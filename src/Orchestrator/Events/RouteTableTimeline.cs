using Orchestrator.Actors.Routing;
using Orchestrator.Routing;

namespace Orchestrator.Events;

/// <summary>
/// A route table's versions (<c>route-table-{app}</c>): a switch when the active deployment changed from the version
/// before, a removal when a deployment left the table, a drain when one became draining, otherwise an update
/// (destinations, listeners).
/// </summary>
internal sealed class RouteTableTimeline : ITimelineFamily
{
    public TimelineSummary? Summarize(object @event, object? previous)
    {
        if (@event is not RouteTableChanged { Table: var table })
        {
            return null;
        }

        var before = (previous as RouteTableChanged)?.Table;
        var version = $"route table v{table.Version}";
        if (table.ActiveDeploymentId != before?.ActiveDeploymentId)
        {
            var from = before?.ActiveDeploymentId is { } old ? $" from {old}" : "";
            return table.ActiveDeploymentId is { } active
                ? new("route.switched", $"traffic switched to {active}{from} ({version})", active)
                : new("route.switched", $"no active deployment any more{from} ({version})", before?.ActiveDeploymentId);
        }

        var gone = before is null ? [] : before.Deployments.Keys.Where(id => !table.Deployments.ContainsKey(id)).Order(StringComparer.Ordinal).ToList();
        if (gone.Count > 0)
        {
            return new("route.removed", $"{string.Join(", ", gone)} left the route table ({version})", gone[0]);
        }

        var draining = table.Deployments.Values
            .Where(d => d.State == RouteState.Draining && before?.Deployments.GetValueOrDefault(d.DeploymentId)?.State != RouteState.Draining)
            .Select(d => d.DeploymentId)
            .Order(StringComparer.Ordinal)
            .ToList();
        return draining.Count > 0
            ? new("route.draining", $"{string.Join(", ", draining)} draining in the route table ({version})", draining[0])
            : new("route.updated", $"{version}: active {table.ActiveDeploymentId ?? "none"}, {table.Deployments.Count} deployment(s)", table.ActiveDeploymentId);
    }
}
