using System.Collections.Immutable;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Node;

/// <summary>From the cluster's status (every app, asked of the node hosting it) to one row per deployment.</summary>
internal static class DeploymentRows
{
    /// <summary>Sorted by app, then newest first.</summary>
    public static DeploymentsResponse From(StatusResponse status)
    {
        var rows = status.Apps
            .Where(app => app.Unavailable is null)
            .SelectMany(app => app.Deployments.Select(d => new DeploymentRow(
                app.App, d.Id, app.Node, d.State, d.Id == app.ActiveDeploymentId, d.Revision, d.CreatedAt, d.ActivatedAt, d.Connections, d.FailureReason)))
            .OrderBy(row => row.App, StringComparer.Ordinal)
            .ThenByDescending(row => row.CreatedAt)
            .ThenByDescending(row => row.Id, StringComparer.Ordinal);
        var unavailable = status.Apps
            .Where(app => app.Unavailable is not null)
            .ToImmutableDictionary(app => app.App, app => app.Unavailable!, StringComparer.Ordinal);
        return new DeploymentsResponse([.. rows], status.SilentNodes, unavailable.IsEmpty ? null : unavailable);
    }
}
