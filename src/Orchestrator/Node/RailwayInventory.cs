using Orchestrator.Actors.Railway;
using Orchestrator.Config;
using Orchestrator.Control.Contracts;
using Orchestrator.Railway;

namespace Orchestrator.Node;

/// <summary>
/// Sorts the services of an app's Railway project: its baseline (present or missing), its deployments' services, the
/// janitor's queue, and what carries its prefix yet is none of those. The last are reported, never deleted: a name is
/// not proof of ownership.
/// </summary>
internal static class RailwayInventory
{
    public static RailwayStatusResponse Of(
        string app,
        RailwayConfig railway,
        RailwayPlacement placement,
        IReadOnlySet<string> deploymentIds,
        IReadOnlyList<PendingDeletion> pending,
        long janitorCalls)
    {
        var byName = placement.Services.GroupBy(s => s.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        var baseline = Baseline(railway).Select(b => new RailwayBaselineService(b.Name, b.Role, byName.GetValueOrDefault(b.Name))).ToList();
        // Redis is baseline only when scaffold created it: with --redis-url the journal lives elsewhere.
        if (byName.TryGetValue(railway.RedisServiceName, out var redisId))
        {
            baseline.Add(new RailwayBaselineService(railway.RedisServiceName, "redis", redisId));
        }

        var known = baseline.Select(b => b.Name)
            .Concat(deploymentIds.Select(railway.DeploymentServiceName))
            .ToHashSet(StringComparer.Ordinal);
        var queuedIds = pending.Select(p => p.Deletion.Service.ServiceId).ToHashSet(StringComparer.Ordinal);
        var unknown = placement.Services
            .Where(s => s.Name.StartsWith(railway.ServicePrefix + "-", StringComparison.Ordinal) && !known.Contains(s.Name) && !queuedIds.Contains(s.Id))
            .Select(s => new RailwayServiceRef(s.Name, s.Id))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        var janitor = pending.Select(p => new RailwayPendingDeletion(
            p.Deletion.Service.ServiceName, p.Deletion.Service.ServiceId, p.Deletion.App, p.Deletion.DeploymentId, p.Deletion.Reason,
            p.Deletion.QueuedAt, p.FailedAttempts, p.LastError)).ToList();
        return new RailwayStatusResponse(app, placement.ProjectId, placement.EnvironmentId, [.. baseline], [.. janitor], janitorCalls, [.. unknown]);
    }

    /// <summary>The stable services <c>orch railway scaffold</c> creates, by name and role.</summary>
    public static IEnumerable<(string Name, string Role)> Baseline(RailwayConfig railway)
    {
        yield return (railway.RouterServiceName, "router");
        yield return (railway.ControlServiceName, "control");
        yield return (railway.EnvServiceName, "env");
        foreach (var service in railway.Services)
        {
            yield return (railway.ServicePrefix + "-" + service.Id, "service");
        }
    }
}
