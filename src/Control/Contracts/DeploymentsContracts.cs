using System.Collections.Immutable;

namespace Orchestrator.Control.Contracts;

/// <summary>GET /v1/deployments: every deployment of every app across the cluster, by app, newest first.</summary>
/// <param name="SilentNodes">Worker nodes that did not answer: their apps' deployments are missing.</param>
/// <param name="UnavailableApps">Apps that could not report, with why.</param>
public sealed record DeploymentsResponse(
    ImmutableArray<DeploymentRow> Deployments,
    ImmutableArray<string>? SilentNodes = null,
    ImmutableDictionary<string, string>? UnavailableApps = null);

/// <summary>One deployment as <c>orch deployments</c> lists it.</summary>
/// <param name="Node">The cluster address of the node hosting the app's actor (and its processes).</param>
/// <param name="State">Its phase, as <c>orch status</c> prints it (active, draining, retired, failed, …).</param>
/// <param name="Active">It is the app's active deployment: new requests go to it.</param>
public sealed record DeploymentRow(
    string App,
    string Id,
    string? Node,
    string State,
    bool Active,
    string? Revision,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ActivatedAt,
    ConnectionStatus Connections,
    string? FailureReason = null);
