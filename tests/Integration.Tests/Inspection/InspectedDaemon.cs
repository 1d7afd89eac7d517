using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.Inspection;

/// <summary>One daemon with one app deployed, shared by the inspection tests (they only read, except the tail's deploy).</summary>
public sealed class InspectedDaemon : IAsyncLifetime
{
    internal OrchEnvironment Orch { get; private set; } = null!;

    internal TestApp App { get; } = TestApp.Create("inspected");

    public async Task InitializeAsync()
    {
        Orch = await OrchEnvironment.StartAsync();
        await Orch.DeployOkAsync(App, "r1");
    }

    public async Task DisposeAsync() => await Orch.DisposeAsync();
}
