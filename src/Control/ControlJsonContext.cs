using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Control;

/// <summary>
/// Compile-time JSON metadata of the control API's records. A CLI command lives for a fraction of a second:
/// building this metadata by reflection (and Reflection.Emit) at every start costs more than the request itself.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(DeployRequest))]
[JsonSerializable(typeof(StackDeployRequest))]
[JsonSerializable(typeof(StackRunResponse))]
[JsonSerializable(typeof(StackStatusResponse))]
[JsonSerializable(typeof(RollbackRequest))]
[JsonSerializable(typeof(PromoteRequest))]
[JsonSerializable(typeof(DeployProgress))]
[JsonSerializable(typeof(StatusResponse))]
[JsonSerializable(typeof(StopRequest))]
[JsonSerializable(typeof(CommandResult))]
[JsonSerializable(typeof(LogLine))]
[JsonSerializable(typeof(ImmutableArray<LogLine>))]
[JsonSerializable(typeof(List<LogLine>))]
[JsonSerializable(typeof(LogLine[]))]
[JsonSerializable(typeof(DaemonInfo))]
[JsonSerializable(typeof(ControlError))]
[JsonSerializable(typeof(ClusterStatus))]
[JsonSerializable(typeof(DownRequest))]
[JsonSerializable(typeof(RouterRestartResult))]
[JsonSerializable(typeof(DoctorCheck))]
[JsonSerializable(typeof(List<DoctorCheck>))]
[JsonSerializable(typeof(DoctorCheck[]))]
[JsonSerializable(typeof(ImmutableArray<DoctorCheck>))]
[JsonSerializable(typeof(DoctorReport))]
[JsonSerializable(typeof(RailwayStatusRequest))]
[JsonSerializable(typeof(RailwayStatusResponse))]
[JsonSerializable(typeof(RedeployRequest))]
[JsonSerializable(typeof(RemoveRequest))]
[JsonSerializable(typeof(LeaveRequest))]
[JsonSerializable(typeof(JoinRequest))]
[JsonSerializable(typeof(DownUnreachableResult))]
[JsonSerializable(typeof(ClusterEvent))]
[JsonSerializable(typeof(DeploymentsResponse))]
[JsonSerializable(typeof(ShardRegionsResponse))]
[JsonSerializable(typeof(RegionStatsResponse))]
[JsonSerializable(typeof(ActorHierarchyResponse))]
[JsonSerializable(typeof(NodeLogLine))]
[JsonSerializable(typeof(List<NodeLogLine>))]
[JsonSerializable(typeof(TimelineEntry))]
[JsonSerializable(typeof(List<TimelineEntry>))]
internal sealed partial class ControlJsonContext : JsonSerializerContext;
