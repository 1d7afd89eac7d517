using Orchestrator.Integration.Tests.Harness;
using Orchestrator.Railway.Fake;
using Xunit;

namespace Orchestrator.Integration.Tests.Railway;

/// <summary>
/// The fake Railway, started in the test process, and a real <c>orch daemon</c> that is an app's control service for it:
/// it holds an account token the fake issued (<c>RAILWAY_API_TOKEN</c>) and reaches the fake at <c>RAILWAY_API_URL</c>.
/// Its local router serves each app's <c>[proxy] listen</c>. Shared by a test class; each test seeds a project of its own.
/// </summary>
public sealed class FakeRailwayControl : IAsyncLifetime
{
    private static readonly string TestAppPath = Path.Combine(AppContext.BaseDirectory, "testapp.js");

    internal FakeRailway Fake { get; private set; } = null!;

    internal OrchEnvironment Orch { get; private set; } = null!;

    /// <summary>The daemon's environment: the token and the fake's endpoint.</summary>
    internal IReadOnlyDictionary<string, string> DaemonEnvironment { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Fake = await FakeRailway.StartAsync();
        DaemonEnvironment = new Dictionary<string, string>
        {
            ["RAILWAY_API_TOKEN"] = Fake.State.IssueAccountToken(),
            ["RAILWAY_API_URL"] = Fake.Endpoint.AbsoluteUri,
        };
        Orch = await OrchEnvironment.StartAsync(DaemonEnvironment);
    }

    public async Task DisposeAsync()
    {
        await Orch.DisposeAsync();
        await Fake.DisposeAsync();
    }

    /// <summary>Deployments of <paramref name="image"/> run the test app (<c>testapp.js PORT HOST</c>), after the shell commands <paramref name="before"/>.</summary>
    internal void MapTestApp(string image, string before = "") =>
        Fake.Images.MapShell(image, $"{before} exec node '{TestAppPath}' \"$PORT\" \"$HOST\"".TrimStart());

    /// <summary>Deployments of <paramref name="image"/> run <paramref name="commandLine"/> under <c>/bin/sh -c</c>.</summary>
    internal void MapShell(string image, string commandLine) => Fake.Images.MapShell(image, commandLine);

    /// <summary>A new daemon on its own state directory, for a test that kills it.</summary>
    internal Task<OrchEnvironment> StartOwnDaemonAsync() => OrchEnvironment.StartAsync(DaemonEnvironment);

    internal FakeService? ServiceNamed(FakeSeed seed, string name) => Fake.State.ServicesOf(seed.ProjectId).SingleOrDefault(s => s.Name == name);
}
