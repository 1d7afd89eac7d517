using System.Text.Json.Serialization.Metadata;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Control;

/// <summary>
/// The daemon's side of <see cref="ControlJson.Options"/>: the compile-time metadata of <see cref="ControlJsonContext"/>,
/// bound to those options, for every record a route reads or writes. Passing these (never a bare type) keeps the control
/// API free of reflection-based serialization, so it trims and compiles ahead of time.
/// </summary>
internal static class ControlJsonTypes
{
    public static readonly JsonTypeInfo<DaemonInfo> DaemonInfo = Of<DaemonInfo>();
    public static readonly JsonTypeInfo<DeployRequest> DeployRequest = Of<DeployRequest>();
    public static readonly JsonTypeInfo<StackDeployRequest> StackDeployRequest = Of<StackDeployRequest>();
    public static readonly JsonTypeInfo<StackRunResponse> StackRunResponse = Of<StackRunResponse>();
    public static readonly JsonTypeInfo<StackStatusResponse> StackStatusResponse = Of<StackStatusResponse>();
    public static readonly JsonTypeInfo<RollbackRequest> RollbackRequest = Of<RollbackRequest>();
    public static readonly JsonTypeInfo<PromoteRequest> PromoteRequest = Of<PromoteRequest>();
    public static readonly JsonTypeInfo<DeployProgress> DeployProgress = Of<DeployProgress>();
    public static readonly JsonTypeInfo<StatusResponse> StatusResponse = Of<StatusResponse>();
    public static readonly JsonTypeInfo<StopRequest> StopRequest = Of<StopRequest>();
    public static readonly JsonTypeInfo<CommandResult> CommandResult = Of<CommandResult>();
    public static readonly JsonTypeInfo<LogLine> LogLine = Of<LogLine>();
    public static readonly JsonTypeInfo<ClusterStatus> ClusterStatus = Of<ClusterStatus>();
    public static readonly JsonTypeInfo<DownRequest> DownRequest = Of<DownRequest>();
    public static readonly JsonTypeInfo<RouterRestartResult> RouterRestartResult = Of<RouterRestartResult>();
    public static readonly JsonTypeInfo<ControlError> ControlError = Of<ControlError>();
    public static readonly JsonTypeInfo<RailwayStatusRequest> RailwayStatusRequest = Of<RailwayStatusRequest>();
    public static readonly JsonTypeInfo<RailwayStatusResponse> RailwayStatusResponse = Of<RailwayStatusResponse>();
    public static readonly JsonTypeInfo<RedeployRequest> RedeployRequest = Of<RedeployRequest>();
    public static readonly JsonTypeInfo<RemoveRequest> RemoveRequest = Of<RemoveRequest>();
    public static readonly JsonTypeInfo<LeaveRequest> LeaveRequest = Of<LeaveRequest>();
    public static readonly JsonTypeInfo<JoinRequest> JoinRequest = Of<JoinRequest>();
    public static readonly JsonTypeInfo<DownUnreachableResult> DownUnreachableResult = Of<DownUnreachableResult>();
    public static readonly JsonTypeInfo<ClusterEvent> ClusterEvent = Of<ClusterEvent>();
    public static readonly JsonTypeInfo<DeploymentsResponse> DeploymentsResponse = Of<DeploymentsResponse>();
    public static readonly JsonTypeInfo<ShardRegionsResponse> ShardRegionsResponse = Of<ShardRegionsResponse>();
    public static readonly JsonTypeInfo<RegionStatsResponse> RegionStatsResponse = Of<RegionStatsResponse>();
    public static readonly JsonTypeInfo<ActorHierarchyResponse> ActorHierarchyResponse = Of<ActorHierarchyResponse>();
    public static readonly JsonTypeInfo<NodeLogLine> NodeLogLine = Of<NodeLogLine>();
    public static readonly JsonTypeInfo<TimelineEntry> TimelineEntry = Of<TimelineEntry>();

    /// <summary>From the generated context only: a type missing from it fails at start-up, not by reflection later.</summary>
    private static JsonTypeInfo<T> Of<T>() =>
        ControlJsonContext.Default.GetTypeInfo(typeof(T)) is not null
            ? (JsonTypeInfo<T>)ControlJson.Options.GetTypeInfo(typeof(T))
            : throw new InvalidOperationException($"{typeof(T).Name} is missing from ControlJsonContext");
}
