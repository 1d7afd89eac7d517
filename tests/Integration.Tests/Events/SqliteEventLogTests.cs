using Orchestrator.Integration.Tests.Harness;

namespace Orchestrator.Integration.Tests.Events;

/// <summary>On the embedded default journal.</summary>
public sealed class SqliteEventLogTests : EventLogTestsBase
{
    private protected override Task<OrchEnvironment> StartAsync() => OrchEnvironment.StartAsync();
}
