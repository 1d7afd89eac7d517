using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Router.Routing;
using Orchestrator.Router.Tests.Support;
using Xunit;

namespace Orchestrator.Router.Tests.Routing;

public sealed class DestinationProberTests
{
    private const string One = "http://127.0.0.1:1";
    private const string Two = "http://127.0.0.1:2";

    [Fact]
    public async Task Update_ProbesReplicatedDeploymentsWithAWarmPathOnly_AndStopsForDestinationsNoTableNames()
    {
        var health = new DestinationHealth(NullLogger.Instance);
        await using var prober = new DestinationProber(health, TimeProvider.System, NullLogger.Instance);

        prober.Update([
            Tables.Replicated("shop", 1, "/health", One, Two),
            Tables.Replicated("blog", 1, "/health", "http://127.0.0.1:3"),
            Tables.Replicated("wiki", 1, warmPath: null, "http://127.0.0.1:4", "http://127.0.0.1:5"),
        ]);
        Assert.Equal([One, Two], prober.Probing.Order(StringComparer.Ordinal));
        await Eventually.TrueAsync(() => health.Down.Length == 2, "both refusing destinations marked down");

        prober.Update([Tables.Replicated("shop", 2, "/health", One)]);

        Assert.Empty(prober.Probing);
        Assert.Empty(health.Down);
    }
}
