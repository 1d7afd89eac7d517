using Orchestrator.Integration.Tests.Harness;

namespace Orchestrator.Integration.Tests.Events;

/// <summary>On a Redis journal (<c>ORCH_JOURNAL=redis://…</c>), read through the Redis read journal.</summary>
public sealed class RedisEventLogTests : EventLogTestsBase
{
    private RedisServer _redis = null!;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private protected override async Task<OrchEnvironment> StartAsync()
    {
        _redis = await RedisServer.StartAsync();
        return await OrchEnvironment.StartAsync(new Dictionary<string, string> { ["ORCH_JOURNAL"] = _redis.JournalUri });
    }
}
