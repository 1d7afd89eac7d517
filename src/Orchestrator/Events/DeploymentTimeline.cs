using System.Globalization;
using Orchestrator.Actors.Deployment;

namespace Orchestrator.Events;

/// <summary>A deployment's own events (<c>deployment-{id}</c>); the deployment id is the persistence id's, filled in by the mapper.</summary>
internal sealed class DeploymentTimeline : ITimelineFamily
{
    public TimelineSummary? Summarize(object @event, object? previous) => @event switch
    {
        DeploymentCreated e => new("deployment.created", $"{e.DeploymentId} created: revision {e.Revision} from {e.ReleasePath}", e.DeploymentId, e.At),
        DeploymentPortsAllocated e => new("deployment.ports-allocated", "ports " + Ports(e.Ports)),
        DeploymentProcessLaunched e => new("process.launched", $"{e.ProcessId} started (pid {e.Pid})"),
        DeploymentProcessSurvived e => new("process.survived", $"{e.Survivors.Length} process(es) of {e.ProcessId} outlived its stop"),
        DeploymentInstancePlaced e => new("deployment.instance-placed", $"instance #{e.Placement.Index} runs on {e.Placement.Node} at {e.Placement.Destination}"),
        DeploymentActivated e => new("deployment.activated", "active: serving traffic", At: e.At),
        DeploymentDrainStarted e => new("deployment.draining", $"draining, deadline {Time(e.Deadline)}", At: e.At),
        DeploymentStopStarted e => new("deployment.stopping", $"stopping its processes ({e.Reason}), then {e.Then.ToString().ToLowerInvariant()}", At: e.At),
        DeploymentRetired e => new("deployment.retired", $"retired: {e.Reason}", At: e.At),
        DeploymentFailed e => new("deployment.failed", $"failed: {e.Reason}", At: e.At),
        DeploymentProcessUnhealthy e => new("process.unhealthy", $"{e.ProcessId} unhealthy: {e.Reason}", At: e.At),
        DeploymentProcessRestarted e => new("process.restarted", $"{e.ProcessId} restarted: {e.Reason}", At: e.At),
        DeploymentProcessRestartScheduled e => new("process.restart-scheduled", $"{e.ProcessId} exited; restart due {Time(e.RestartAt)}"),
        DeploymentCanaryStarted e => new("deployment.canary", $"live as a canary for {e.ToSpec()}", At: e.At),
        DeploymentCanaryPromoting e => new("deployment.promoting", "promote begun: every new request goes to it, the active deployment drains", At: e.At),
        DeploymentHookStarted e => new("hook.started", $"{e.Hook} started: {e.Command}", At: e.At),
        DeploymentHookFinished e => new($"hook.{e.Outcome}", $"{e.Hook} {e.Outcome}: {e.Detail}", At: e.At),
        DeploymentRailwayServiceRecorded e => new("railway.service-recorded", $"{e.ProcessId} runs as Railway service {e.Service.ServiceName}"),
        _ => null,
    };

    private static string Ports(IEnumerable<KeyValuePair<string, int>> ports) =>
        string.Join(", ", ports.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value.ToString(CultureInfo.InvariantCulture)}"));

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
