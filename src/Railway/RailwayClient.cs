using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Railway.Auth;
using Orchestrator.Railway.Http;
using Orchestrator.Railway.Operations;

namespace Orchestrator.Railway;

/// <summary>
/// Railway's public GraphQL API, one typed method per operation of the deploy path. Failures are
/// <see cref="RailwayException"/>s: <see cref="RailwayAuthException"/>, <see cref="RailwayGraphQLException"/>,
/// <see cref="RailwayHttpException"/> or <see cref="RailwayHtmlResponseException"/>.
/// </summary>
internal sealed class RailwayClient
{
    private readonly RailwayGraphQLTransport _transport;
    private readonly RailwayTokenKind _tokenKind;

    /// <param name="http">Owned by the caller; its <c>BaseAddress</c> is not used.</param>
    public RailwayClient(
        HttpClient http, RailwayToken token, RailwayClientOptions? options = null, ILogger<RailwayClient>? logger = null, TimeProvider? time = null)
    {
        _tokenKind = token.Kind;
        _transport = new RailwayGraphQLTransport(
            http, token, options ?? new RailwayClientOptions(), (ILogger?)logger ?? NullLogger.Instance, time ?? TimeProvider.System);
    }

    /// <summary>The kind of token the client sends: a project token knows its project, an account token finds it by name.</summary>
    public RailwayTokenKind TokenKind => _tokenKind;

    public async Task<RailwayProject> GetProjectAsync(string projectId, CancellationToken cancellationToken = default)
    {
        var data = await SendAsync<ProjectVariables, ProjectData>(ProjectQuery.Operation, new(projectId), cancellationToken).ConfigureAwait(false);
        var project = data.Project;
        return new RailwayProject(project.Id, project.Name, project.Environments.Nodes, project.Services.Nodes);
    }

    /// <returns>The new service's id and name.</returns>
    public async Task<NamedNode> CreateServiceAsync(ServiceCreateInput input, CancellationToken cancellationToken = default) =>
        (await SendAsync<ServiceCreateVariables, ServiceCreateData>(ServiceCreateMutation.Operation, new(input), cancellationToken).ConfigureAwait(false))
        .ServiceCreate;

    public async Task<bool> UpsertVariablesAsync(VariableCollectionUpsertInput input, CancellationToken cancellationToken = default) =>
        (await SendAsync<VariableCollectionUpsertVariables, VariableCollectionUpsertData>(
            VariableCollectionUpsertMutation.Operation, new(input), cancellationToken).ConfigureAwait(false))
        .VariableCollectionUpsert;

    public async Task<bool> UpdateServiceInstanceAsync(
        string serviceId, string? environmentId, ServiceInstanceUpdateInput input, CancellationToken cancellationToken = default) =>
        (await SendAsync<ServiceInstanceUpdateVariables, ServiceInstanceUpdateData>(
            ServiceInstanceUpdateMutation.Operation, new(serviceId, input) { EnvironmentId = environmentId }, cancellationToken).ConfigureAwait(false))
        .ServiceInstanceUpdate;

    /// <returns>The new deployment's id.</returns>
    public async Task<string> DeployServiceInstanceAsync(
        string serviceId, string environmentId, string? commitSha = null, CancellationToken cancellationToken = default) =>
        (await SendAsync<ServiceInstanceDeployV2Variables, ServiceInstanceDeployV2Data>(
            ServiceInstanceDeployV2Mutation.Operation, new(serviceId, environmentId) { CommitSha = commitSha }, cancellationToken).ConfigureAwait(false))
        .ServiceInstanceDeployV2;

    public async Task<RailwayDeployment> GetDeploymentAsync(string deploymentId, CancellationToken cancellationToken = default) =>
        (await SendAsync<DeploymentVariables, DeploymentData>(DeploymentQuery.Operation, new(deploymentId), cancellationToken).ConfigureAwait(false))
        .Deployment;

    public async Task<IReadOnlyDictionary<string, string>> GetVariablesForServiceDeploymentAsync(
        string projectId, string environmentId, string serviceId, CancellationToken cancellationToken = default) =>
        (await SendAsync<VariablesForServiceDeploymentVariables, VariablesForServiceDeploymentData>(
            VariablesForServiceDeploymentQuery.Operation, new(projectId, environmentId, serviceId), cancellationToken).ConfigureAwait(false))
        .VariablesForServiceDeployment;

    /// <returns>The service's own variables, unrendered (references stay <c>${{...}}</c>).</returns>
    public async Task<IReadOnlyDictionary<string, string>> GetServiceVariablesAsync(
        string projectId, string environmentId, string serviceId, CancellationToken cancellationToken = default) =>
        (await SendAsync<VariablesVariables, VariablesData>(
            VariablesQuery.Operation, new(projectId, environmentId) { ServiceId = serviceId, Unrendered = true }, cancellationToken).ConfigureAwait(false))
        .Variables;

    public async Task<bool> DeleteServiceAsync(string serviceId, string? environmentId = null, CancellationToken cancellationToken = default) =>
        (await SendAsync<ServiceDeleteVariables, ServiceDeleteData>(
            ServiceDeleteMutation.Operation, new(serviceId) { EnvironmentId = environmentId }, cancellationToken).ConfigureAwait(false))
        .ServiceDelete;

    public async Task<IReadOnlyList<RailwayLogLine>> GetDeploymentLogsAsync(
        string deploymentId, int? limit = null, string? filter = null, CancellationToken cancellationToken = default) =>
        (await SendAsync<DeploymentLogsVariables, DeploymentLogsData>(
            DeploymentLogsQuery.Operation, new(deploymentId) { Limit = limit, Filter = filter }, cancellationToken).ConfigureAwait(false))
        .DeploymentLogs;

    public async Task<RailwayServiceInstance> GetServiceInstanceAsync(string environmentId, string serviceId, CancellationToken cancellationToken = default) =>
        (await SendAsync<ServiceInstanceVariables, ServiceInstanceData>(
            ServiceInstanceQuery.Operation, new(environmentId, serviceId), cancellationToken).ConfigureAwait(false))
        .ServiceInstance;

    public async Task<RailwayServiceDomain> CreateServiceDomainAsync(ServiceDomainCreateInput input, CancellationToken cancellationToken = default) =>
        (await SendAsync<ServiceDomainCreateVariables, ServiceDomainCreateData>(
            ServiceDomainCreateMutation.Operation, new(input), cancellationToken).ConfigureAwait(false))
        .ServiceDomainCreate;

    /// <returns>The new volume's id and name.</returns>
    public async Task<NamedNode> CreateVolumeAsync(VolumeCreateInput input, CancellationToken cancellationToken = default) =>
        (await SendAsync<VolumeCreateVariables, VolumeCreateData>(VolumeCreateMutation.Operation, new(input), cancellationToken).ConfigureAwait(false))
        .VolumeCreate;

    /// <summary>The project and environment of the project token the client sends; refused for an account token.</summary>
    public async Task<RailwayProjectToken> GetProjectTokenAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync<ProjectTokenVariables, ProjectTokenData>(ProjectTokenQuery.Operation, new(), cancellationToken).ConfigureAwait(false))
        .ProjectToken;

    /// <summary>The workspaces of the account token's user.</summary>
    public async Task<IReadOnlyList<NamedNode>> GetWorkspacesAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync<MeWorkspacesVariables, MeWorkspacesData>(MeWorkspacesQuery.Operation, new(), cancellationToken).ConfigureAwait(false))
        .Me.Workspaces;

    public async Task<IReadOnlyList<NamedNode>> GetProjectsAsync(string workspaceId, CancellationToken cancellationToken = default) =>
        (await SendAsync<ProjectsVariables, ProjectsData>(ProjectsQuery.Operation, new(workspaceId), cancellationToken).ConfigureAwait(false))
        .Projects.Nodes;

    private Task<TData> SendAsync<TVariables, TData>(RailwayOperation operation, TVariables variables, CancellationToken cancellationToken) =>
        _transport.SendAsync(operation, variables, RailwayJson.TypeInfo<TVariables>(), RailwayJson.TypeInfo<TData>(), cancellationToken);
}
