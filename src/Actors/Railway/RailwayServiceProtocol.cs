using Orchestrator.Config;

namespace Orchestrator.Actors.Railway;

/// <summary>
/// Where a deployment's Railway service is, as far as it got: the service once created, Railway's deployment once
/// requested, the private domain once it served. Persisted by the deployment, so a restarted node adopts or deletes it.
/// </summary>
public sealed record RailwayServiceRecord(
    string ProjectId,
    string EnvironmentId,
    string ServiceId,
    string ServiceName,
    string? ApiUrl = null,
    string? RailwayDeploymentId = null,
    string? PrivateDomain = null);

/// <summary>What a deployment's Railway service runs; the Railway runtime's counterpart of a <c>ProcessSpec</c>.</summary>
/// <param name="Image">The image to run; null for a repo source.</param>
/// <param name="Variables">The deployment's own variables (<c>PORT</c>, <c>ORCH_DEPLOYMENT_ID</c>); the env service's are added as references.</param>
/// <param name="StopGrace">Railway's <c>drainingSeconds</c>: SIGTERM to SIGKILL when the service goes.</param>
internal sealed record RailwayServiceSpec(
    string App,
    string DeploymentId,
    string ProcessId,
    RailwayConfig Config,
    string? Image,
    string? CommitSha,
    IReadOnlyDictionary<string, string> Variables,
    TimeSpan StopGrace,
    bool KeepWhenFailed = false);

/// <summary>To the deployment: its Railway service got further; persist the record.</summary>
internal sealed record RailwayServiceRecorded(string ProcessId, RailwayServiceRecord Service);

/// <summary>To the deployment: a step worth showing in the deploy's progress.</summary>
internal sealed record RailwayServiceProgress(string ProcessId, string Message);

/// <summary>From the deployment: traffic is switched to it; Railway need not be asked about it any more.</summary>
internal sealed class RailwayServicePromoted
{
    public static readonly RailwayServicePromoted Instance = new();

    private RailwayServicePromoted()
    {
    }
}
