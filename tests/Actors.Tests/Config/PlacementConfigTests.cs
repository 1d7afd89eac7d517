using Orchestrator.Config;
using Xunit;

namespace Orchestrator.Actors.Tests.Config;

public sealed class PlacementConfigTests
{
    [Fact]
    public void Load_WithoutPlacement_RunsOneInstanceOnAWorker()
    {
        var config = ConfigAssert.Valid(ConfigAssert.WebApp);

        Assert.Equal(1, config.Placement.Replicas);
        Assert.Equal("worker", config.Placement.Role);
    }

    [Fact]
    public void Load_PlacementAtTheTop_ReadsReplicasAndRole()
    {
        var config = ConfigAssert.Valid("placement = { replicas = 3, role = \"worker\" }\n" + ConfigAssert.WebApp);

        Assert.Equal(3, config.Placement.Replicas);
    }

    [Fact]
    public void Load_ReplicasForAnAppWithoutAProxiedProcess_SaysOnlyAProxiedProcessRunsOnSeveralNodes()
    {
        var problem = ConfigAssert.Problem("""
            app = "jobs"
            placement = { replicas = 2 }
            [[process]]
            id = "cron"
            policy = "singleton"
            command = "cron.sh"
            """, "placement.replicas", "only a proxied process runs on several nodes");

        Assert.Contains("replicas = 2", problem.Example, StringComparison.Ordinal);
    }
}
