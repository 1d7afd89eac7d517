using System.Collections.Immutable;
using Orchestrator.Config;
using Xunit;

namespace Orchestrator.Actors.Tests.Config;

public sealed class InjectedEnvironmentTests
{
    private static readonly TemplateContext Web = new(
        App: "shop",
        DeploymentId: "shop-250101-120000",
        ReleasePath: "/srv/shop/releases/abc123",
        Revision: "abc123",
        ProcessId: "web",
        Port: 18182,
        Ports: ImmutableDictionary<string, int>.Empty.Add("web", 18182).Add("cache-db", 18400),
        Environment: ImmutableDictionary<string, string>.Empty);

    [Fact]
    public void For_ProcessWithPort_InjectsEverything()
    {
        var env = InjectedEnvironment.For(Web);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["ORCH_APP"] = "shop",
                ["ORCH_DEPLOYMENT_ID"] = "shop-250101-120000",
                ["ORCH_RELEASE_PATH"] = "/srv/shop/releases/abc123",
                ["ORCH_REVISION"] = "abc123",
                ["ORCH_PROCESS_ID"] = "web",
                ["ORCH_PORT"] = "18182",
                ["PORT"] = "18182",
                ["ORCH_WEB_PORT"] = "18182",
                ["ORCH_CACHE_DB_PORT"] = "18400",
            }.OrderBy(kv => kv.Key),
            env.OrderBy(kv => kv.Key));
    }

    [Fact]
    public void For_ProcessWithoutPort_HasNoOwnPortButOthers()
    {
        var env = InjectedEnvironment.For(Web with { ProcessId = "worker", Port = null });

        Assert.False(env.ContainsKey("ORCH_PORT"));
        Assert.False(env.ContainsKey("PORT"));
        Assert.Equal("worker", env["ORCH_PROCESS_ID"]);
        Assert.Equal("18182", env["ORCH_WEB_PORT"]);
    }

    [Theory]
    [InlineData("web", "ORCH_WEB_PORT")]
    [InlineData("cache-db", "ORCH_CACHE_DB_PORT")]
    [InlineData("a1-b2-c3", "ORCH_A1_B2_C3_PORT")]
    public void PortVariable_ProcessId_IsUpperSnakeCase(string processId, string expected) =>
        Assert.Equal(expected, InjectedEnvironment.PortVariable(processId));
}
