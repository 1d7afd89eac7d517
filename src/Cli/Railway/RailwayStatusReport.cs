using System.Collections.Immutable;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Railway;

/// <summary>What <c>orch railway status --json</c> prints: the app's Railway project as the control service sees it, and its deployments.</summary>
internal sealed record RailwayStatusReport(RailwayStatusResponse Railway, string? ActiveDeploymentId, ImmutableArray<DeploymentStatus> Deployments);
