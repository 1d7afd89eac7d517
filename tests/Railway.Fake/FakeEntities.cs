namespace Orchestrator.Railway.Fake;

// Property names follow the schema's field names: GraphQL.NET's default resolver reads them by name.

internal sealed record FakeProject(string Id, string Name, string WorkspaceId);

internal sealed record FakeEnvironment(string Id, string ProjectId, string Name);

/// <param name="PrivateDomain">The service's own loopback address (127.0.10.N), where its deployments listen.</param>
internal sealed record FakeService(string Id, string ProjectId, string Name, string? Image, string? Repo, string PrivateDomain);

internal sealed record FakeDeployment(string Id, string ProjectId, string ServiceId, string EnvironmentId, string Status)
{
    public string? StaticUrl => null;
}

/// <param name="At">When the deployment entered <paramref name="Status"/> (wall clock, UTC).</param>
internal sealed record FakeStatusChange(string Status, DateTimeOffset At);

internal sealed record FakeLogLine(string Timestamp, string Message, string? Severity);

/// <summary>A project and environment seeded by a test.</summary>
internal sealed record FakeSeed(string ProjectId, string EnvironmentId);

/// <summary>Relay shapes for lists.</summary>
internal sealed record FakeConnection(IReadOnlyList<FakeEdge> Edges);

internal sealed record FakeEdge(object Node, string Cursor);

/// <summary>A service's settings in one environment, as <c>serviceInstance</c> answers them.</summary>
internal sealed record FakeServiceInstance(
    string ServiceId,
    string EnvironmentId,
    FakeServiceSource? Source,
    string? StartCommand,
    int? NumReplicas,
    string? HealthcheckPath,
    int? HealthcheckTimeout,
    FakeAllDomains Domains);

internal sealed record FakeServiceSource(string? Image, string? Repo);

internal sealed record FakeAllDomains(IReadOnlyList<FakeServiceDomain> ServiceDomains)
{
    public IReadOnlyList<object> CustomDomains => [];
}

/// <param name="Domain">The public host name, e.g. <c>shop-router-production-1a2b.up.railway.app</c>.</param>
internal sealed record FakeServiceDomain(string Id, string Domain, string ServiceId, string EnvironmentId, int? TargetPort)
{
    public string SyncStatus => "ACTIVE";
}

/// <summary>A volume and its one instance: the fake mounts each volume on one service of one environment.</summary>
internal sealed record FakeVolume(string Id, string Name, string ProjectId, string EnvironmentId, string? ServiceId, string MountPath);

internal sealed record FakeWorkspace(string Id, string Name);

/// <summary>The authenticated user of an account token, as <c>me</c> answers: every workspace.</summary>
internal sealed record FakeUser(IReadOnlyList<FakeWorkspace> Workspaces);

/// <summary>A project token as <c>projectToken</c> answers: the project environment it is scoped to.</summary>
internal sealed record FakeProjectToken(string ProjectId, string EnvironmentId);
