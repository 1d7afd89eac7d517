using System.Collections.Immutable;
using Orchestrator.Actors.App;
using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Processes;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Node;

/// <summary>From the actors' views to the control API's status records.</summary>
internal static class StatusMapper
{
    public static AppStatus ToContract(AppStatusView app, DateTimeOffset now) =>
        new(app.App, app.Node, app.Listen, app.ActiveDeploymentId, app.DeployInProgress is not null,
            [.. app.Services.Select(s => ToContract(s, now))],
            [.. app.Deployments.Select(d => ToContract(d, now))],
            SharedDirs: app.SharedDirs is { } shared ? [.. shared.Select(d => new SharedDirStatus(d.Path, d.Location, d.Bytes))] : null);

    /// <summary>An app that could not report: listed with why, so the other apps' status still answers.</summary>
    public static AppStatus Unavailable(string app, string reason) => new(app, null, null, null, false, [], [], reason);

    private static DeploymentStatus ToContract(DeploymentStatusView d, DateTimeOffset now) =>
        new(d.DeploymentId, d.App, d.Revision, d.Phase.ToDisplay(), d.ReleasePath, d.CreatedAt, d.ActivatedAt, d.DrainStartedAt,
            d.DrainDeadline, d.StoppedAt, d.Ports, new ConnectionStatus(d.Connections.Http, d.Connections.WebSocket, d.Connections.Streaming, d.Connections.Requests),
            [.. d.Processes.Select(p => ToContract(p, now))], d.FailureReason, d.Canary,
            d.Hooks is { } hooks ? [.. hooks.Select(h => new ReleaseHookStatus(h.Hook, h.Command, h.Outcome ?? ReleaseHookRecord.Running, h.StartedAt, h.FinishedAt, h.Detail))] : null);

    private static ProcessStatus ToContract(ProcessStatusSnapshot p, DateTimeOffset now) =>
        new(p.ProcessId, p.Policy.ToString().ToLowerInvariant(), p.Pid, p.State.ToString().ToLowerInvariant(), p.Restarts, p.ExitCode,
            p.ExitSignal, p.StartedAt,
            p.State == ProcessState.Running && p.StartedAt is { } started ? Math.Round((now - started).TotalSeconds, 1) : null,
            p.LogPath.Length == 0 ? null : p.LogPath, p.Survivors.IsDefaultOrEmpty ? null : (ImmutableArray<int>?)p.Survivors, p.Health, p.HealthDetail, p.LastRestartReason,
            p.Railway is { } r ? new RailwayServiceStatus(r.ServiceName, r.ServiceId, r.DeploymentId, r.Status, r.PrivateDomain, r.ApiUrl) : null,
            p.Node);
}
