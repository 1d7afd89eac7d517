using Orchestrator.Railway.Fake.Runtime;
using Orchestrator.Railway.Fake.Variables;

namespace Orchestrator.Railway.Fake;

/// <summary>The fake's world, in memory: seeded by the test, changed by the calls, read back by both.</summary>
internal sealed partial class FakeRailwayState : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, FakeProject> _projects = [];
    private readonly Dictionary<string, FakeEnvironment> _environments = [];
    private readonly Dictionary<string, FakeService> _services = [];
    private readonly Dictionary<(string ServiceId, string EnvironmentId), Dictionary<string, object?>> _instanceSettings = [];
    private readonly Dictionary<(string ServiceId, string EnvironmentId), Dictionary<string, string>> _variables = [];
    private readonly Dictionary<string, FakeDeployment> _deployments = [];
    private readonly Dictionary<string, List<FakeLogLine>> _logs = [];
    private readonly Dictionary<string, List<FakeStatusChange>> _statusHistory = [];
    private readonly Dictionary<string, FakePrincipal.Project> _projectTokens = [];
    private readonly HashSet<string> _accountTokens = [];
    private readonly PrivateDomainLeases _privateDomains = new();

    /// <summary>The status a new deployment starts in.</summary>
    public const string NewDeploymentStatus = FakeDeploymentStatus.Initializing;

    /// <summary>A project with one environment, in the workspace of that name (created when it is the first).</summary>
    public FakeSeed Seed(string projectName, string environmentName = "production", string workspaceName = "acme")
    {
        lock (_lock)
        {
            var project = new FakeProject(NewId(), projectName, WorkspaceNamed(workspaceName).Id);
            var environment = new FakeEnvironment(NewId(), project.Id, environmentName);
            _projects[project.Id] = project;
            _environments[environment.Id] = environment;
            return new FakeSeed(project.Id, environment.Id);
        }
    }

    public string IssueProjectToken(FakeSeed seed)
    {
        lock (_lock)
        {
            var token = "project-" + NewId();
            _projectTokens[token] = new FakePrincipal.Project(seed.ProjectId, seed.EnvironmentId);
            return token;
        }
    }

    public string IssueAccountToken()
    {
        lock (_lock)
        {
            var token = "account-" + NewId();
            _accountTokens.Add(token);
            return token;
        }
    }

    public FakePrincipal.Project? ProjectTokenOwner(string token)
    {
        lock (_lock)
            return _projectTokens.GetValueOrDefault(token);
    }

    public bool IsAccountToken(string token)
    {
        lock (_lock)
            return _accountTokens.Contains(token);
    }

    public FakeProject? Project(string id)
    {
        lock (_lock)
            return _projects.GetValueOrDefault(id);
    }

    public IReadOnlyList<FakeEnvironment> EnvironmentsOf(string projectId)
    {
        lock (_lock)
            return [.. _environments.Values.Where(environment => environment.ProjectId == projectId)];
    }

    public FakeEnvironment? Environment(string id)
    {
        lock (_lock)
            return _environments.GetValueOrDefault(id);
    }

    public IReadOnlyList<FakeService> ServicesOf(string projectId)
    {
        lock (_lock)
            return [.. _services.Values.Where(service => service.ProjectId == projectId)];
    }

    public FakeService? Service(string id)
    {
        lock (_lock)
            return _services.GetValueOrDefault(id);
    }

    public FakeService CreateService(string projectId, string? environmentId, string? name, string? image, string? repo, IReadOnlyDictionary<string, string>? variables)
    {
        lock (_lock)
        {
            var service = new FakeService(NewId(), projectId, name ?? "service-" + _services.Count, image, repo, _privateDomains.Lease());
            _services[service.Id] = service;
            foreach (var environment in _environments.Values.Where(e => e.ProjectId == projectId && (environmentId is null || e.Id == environmentId)))
                _variables[(service.Id, environment.Id)] = new Dictionary<string, string>(variables ?? new Dictionary<string, string>());
            return service;
        }
    }

    public bool DeleteService(string serviceId)
    {
        lock (_lock)
        {
            if (!_services.Remove(serviceId))
                return false;
            foreach (var key in _variables.Keys.Where(key => key.ServiceId == serviceId).ToList())
                _variables.Remove(key);
            foreach (var key in _instanceSettings.Keys.Where(key => key.ServiceId == serviceId).ToList())
                _instanceSettings.Remove(key);
            _domains.RemoveAll(domain => domain.ServiceId == serviceId);
            return true;
        }
    }

    public void UpsertVariables(string serviceId, string environmentId, IReadOnlyDictionary<string, string> variables, bool replace)
    {
        lock (_lock)
        {
            if (!_variables.TryGetValue((serviceId, environmentId), out var stored) || replace)
                _variables[(serviceId, environmentId)] = stored = [];
            foreach (var (name, value) in variables)
                stored[name] = value;
        }
    }

    public IReadOnlyDictionary<string, string> VariablesOf(string serviceId, string environmentId)
    {
        lock (_lock)
            return new Dictionary<string, string>(_variables.GetValueOrDefault((serviceId, environmentId)) ?? []);
    }

    /// <summary>
    /// The variables a deployment of the service runs with, as <c>variablesForServiceDeployment</c> answers: its own,
    /// references resolved against the services of the same environment, and Railway's.
    /// </summary>
    public IReadOnlyDictionary<string, string> RenderedVariablesOf(string serviceId, string environmentId)
    {
        lock (_lock)
        {
            var service = _services[serviceId];
            return VariableReferences.Render(
                service,
                variablesOf: each => UnrenderedVariablesOf(each, environmentId),
                serviceNamed: name => _services.Values.FirstOrDefault(other => other.ProjectId == service.ProjectId && other.Name == name));
        }
    }

    /// <summary>The instance settings the calls wrote, by the input's field names; a field never sent is absent.</summary>
    public IReadOnlyDictionary<string, object?> InstanceSettingsOf(string serviceId, string environmentId)
    {
        lock (_lock)
            return new Dictionary<string, object?>(_instanceSettings.GetValueOrDefault((serviceId, environmentId)) ?? []);
    }

    public void UpdateInstance(string serviceId, string environmentId, IReadOnlyDictionary<string, object?> input)
    {
        lock (_lock)
        {
            if (!_instanceSettings.TryGetValue((serviceId, environmentId), out var settings))
                _instanceSettings[(serviceId, environmentId)] = settings = [];
            foreach (var (name, value) in input)
            {
                // Railway's rule: a field sent as null is unset.
                if (value is null)
                    settings.Remove(name);
                else
                    settings[name] = value;
            }
        }
    }

    public FakeDeployment Deploy(FakeService service, string environmentId)
    {
        lock (_lock)
        {
            var deployment = new FakeDeployment(NewId(), service.ProjectId, service.Id, environmentId, NewDeploymentStatus);
            _deployments[deployment.Id] = deployment;
            _logs[deployment.Id] = [];
            _statusHistory[deployment.Id] = [new FakeStatusChange(deployment.Status, DateTimeOffset.UtcNow)];
            return deployment;
        }
    }

    public FakeDeployment? Deployment(string id)
    {
        lock (_lock)
            return _deployments.GetValueOrDefault(id);
    }

    public IReadOnlyList<FakeDeployment> DeploymentsOf(string serviceId)
    {
        lock (_lock)
            return [.. _deployments.Values.Where(deployment => deployment.ServiceId == serviceId)];
    }

    /// <summary>Sets a deployment's status, as Railway would move it along; any of the schema's names.</summary>
    public void SetDeploymentStatus(string deploymentId, string status)
    {
        lock (_lock)
        {
            _deployments[deploymentId] = _deployments[deploymentId] with { Status = status };
            _statusHistory[deploymentId].Add(new FakeStatusChange(status, DateTimeOffset.UtcNow));
        }
    }

    /// <summary>Every status the deployment has been in, in order, the first one included.</summary>
    public IReadOnlyList<string> StatusHistoryOf(string deploymentId) => [.. StatusChangesOf(deploymentId).Select(change => change.Status)];

    /// <summary>Every status the deployment has been in, with when it entered it.</summary>
    public IReadOnlyList<FakeStatusChange> StatusChangesOf(string deploymentId)
    {
        lock (_lock)
            return [.. _statusHistory.GetValueOrDefault(deploymentId) ?? []];
    }

    public void AppendLog(string deploymentId, string message, string? severity = "info")
    {
        lock (_lock)
            _logs[deploymentId].Add(new FakeLogLine(DateTimeOffset.UtcNow.ToString("O"), message, severity));
    }

    public IReadOnlyList<FakeLogLine> LogsOf(string deploymentId)
    {
        lock (_lock)
            return [.. _logs.GetValueOrDefault(deploymentId) ?? []];
    }

    public void Dispose() => _privateDomains.Dispose();

    private Dictionary<string, string> UnrenderedVariablesOf(FakeService service, string environmentId) =>
        new(_variables.GetValueOrDefault((service.Id, environmentId)) ?? [])
        {
            [RailwayVariables.ProjectId] = service.ProjectId,
            [RailwayVariables.ProjectName] = _projects[service.ProjectId].Name,
            [RailwayVariables.EnvironmentId] = environmentId,
            [RailwayVariables.EnvironmentName] = _environments.GetValueOrDefault(environmentId)?.Name ?? "",
            [RailwayVariables.ServiceId] = service.Id,
            [RailwayVariables.ServiceName] = service.Name,
            [RailwayVariables.PrivateDomain] = service.PrivateDomain,
        };

    private static string NewId() => Guid.NewGuid().ToString();
}
