namespace Orchestrator.Railway.Fake;

// Property names follow the schema's field names: GraphQL.NET's default resolver reads them by name.

internal sealed record FakeProject(string Id, string Name);

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
