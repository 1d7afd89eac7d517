using System.Collections.Immutable;
using Orchestrator.Config;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Railway;

/// <summary>
/// What <c>orch railway status --json</c> prints: the app's Railway project as the control service sees it, its
/// deployments, and where orch.toml puts its shared dir.
/// </summary>
internal sealed record RailwayStatusReport(
    RailwayStatusResponse Railway,
    string? ActiveDeploymentId,
    ImmutableArray<DeploymentStatus> Deployments,
    RailwaySharedDirReport? SharedDir = null);

/// <summary>
/// The app's shared dir on Railway: the volume of <paramref name="Service"/> at <paramref name="Location"/>, as orch.toml
/// maps it. No size: Railway's API does not report a volume's usage to orch.
/// </summary>
internal sealed record RailwaySharedDirReport(string Path, string Service, string Location)
{
    public static RailwaySharedDirReport? Of(RailwayConfig? railway) =>
        railway?.SharedDirService is { SharedDir: { } path, VolumeMountPath: { } location } service
            ? new RailwaySharedDirReport(path, BaselinePlan.ServiceName(railway, service), location)
            : null;
}
