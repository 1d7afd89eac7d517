using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Railway.Operations;

namespace Orchestrator.Railway;

/// <summary>
/// Compile-time JSON metadata of every operation's variables and data. <c>WhenWritingNull</c> is load-bearing:
/// Railway unsets a field sent as null, so an unset field must be absent from the request.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProjectVariables))]
[JsonSerializable(typeof(ProjectData))]
[JsonSerializable(typeof(ServiceCreateVariables))]
[JsonSerializable(typeof(ServiceCreateData))]
[JsonSerializable(typeof(VariableCollectionUpsertVariables))]
[JsonSerializable(typeof(VariableCollectionUpsertData))]
[JsonSerializable(typeof(ServiceInstanceUpdateVariables))]
[JsonSerializable(typeof(ServiceInstanceUpdateData))]
[JsonSerializable(typeof(ServiceInstanceDeployV2Variables))]
[JsonSerializable(typeof(ServiceInstanceDeployV2Data))]
[JsonSerializable(typeof(DeploymentVariables))]
[JsonSerializable(typeof(DeploymentData))]
[JsonSerializable(typeof(VariablesForServiceDeploymentVariables))]
[JsonSerializable(typeof(VariablesForServiceDeploymentData))]
[JsonSerializable(typeof(ServiceDeleteVariables))]
[JsonSerializable(typeof(ServiceDeleteData))]
[JsonSerializable(typeof(DeploymentLogsVariables))]
[JsonSerializable(typeof(DeploymentLogsData))]
[JsonSerializable(typeof(VariablesVariables))]
[JsonSerializable(typeof(VariablesData))]
[JsonSerializable(typeof(ServiceInstanceVariables))]
[JsonSerializable(typeof(ServiceInstanceData))]
[JsonSerializable(typeof(ServiceDomainCreateVariables))]
[JsonSerializable(typeof(ServiceDomainCreateData))]
[JsonSerializable(typeof(VolumeCreateVariables))]
[JsonSerializable(typeof(VolumeCreateData))]
[JsonSerializable(typeof(ProjectTokenVariables))]
[JsonSerializable(typeof(ProjectTokenData))]
[JsonSerializable(typeof(MeWorkspacesVariables))]
[JsonSerializable(typeof(MeWorkspacesData))]
[JsonSerializable(typeof(ProjectsVariables))]
[JsonSerializable(typeof(ProjectsData))]
internal sealed partial class RailwayJsonContext : JsonSerializerContext;
