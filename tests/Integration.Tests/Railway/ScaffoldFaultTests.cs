using Orchestrator.Railway.Fake;
using Xunit;

namespace Orchestrator.Integration.Tests.Railway;

/// <summary>Railway's rate limit and a token of the wrong kind, met by the real CLI during a scaffold.</summary>
public sealed class ScaffoldFaultTests
{
    [Fact]
    public async Task Scaffold_waits_out_a_429_with_Retry_After_2_and_succeeds()
    {
        await using var railway = await RailwayCliHarness.StartAsync();
        railway.Fake.Faults.NextOf("ServiceCreate", new FakeFault.TooManyRequests(RetryAfterSeconds: 2));

        var scaffold = await railway.RailwayAsync("scaffold");

        Assert.True(scaffold.ExitCode == 0, scaffold.ToString());
        var creates = railway.Fake.Calls.Where(call => call.OperationName == "ServiceCreate").ToList();
        Assert.Equal(6, creates.Count); // five services, the first one twice
        Assert.Equal(creates[0].Variables, creates[1].Variables);
        var waited = creates[1].At - creates[0].At;
        Assert.True(waited >= TimeSpan.FromSeconds(1.9), $"the retry came {waited} after the 429, before its Retry-After");
        Assert.True(waited < TimeSpan.FromSeconds(30), $"the retry came {waited} after the 429");
        Assert.Equal(5, railway.Fake.State.ServicesOf(railway.Seed.ProjectId).Count);
    }

    [Fact]
    public async Task Scaffold_with_a_project_token_as_RAILWAY_API_TOKEN_fails_naming_RAILWAY_TOKEN()
    {
        await using var railway = await RailwayCliHarness.StartAsync();

        var scaffold = await railway.RailwayWithAsync("RAILWAY_API_TOKEN", railway.ProjectToken, "scaffold");

        Assert.True(scaffold.ExitCode == 1, scaffold.ToString());
        Assert.Contains("set RAILWAY_TOKEN to a project token", scaffold.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(railway.ProjectToken, scaffold.Output, StringComparison.Ordinal);
        Assert.Equal(["Project"], railway.Fake.Calls.Select(call => call.OperationName));
        Assert.Empty(railway.Fake.State.ServicesOf(railway.Seed.ProjectId));
        Assert.False(File.Exists(railway.TokenFile));
    }

    [Fact]
    public async Task Scaffold_with_a_project_token_finds_the_named_project_and_gives_the_control_RAILWAY_TOKEN()
    {
        await using var railway = await RailwayCliHarness.StartAsync();
        railway.WriteConfig(controlImage: "ghcr.io/acme/orch-control:1", byName: true);

        var scaffold = await railway.RailwayWithAsync("RAILWAY_TOKEN", railway.ProjectToken, "scaffold");

        Assert.True(scaffold.ExitCode == 0, scaffold.ToString());
        Assert.Equal(["ProjectToken", "Project"], railway.Fake.Calls.Take(2).Select(call => call.OperationName));
        Assert.All(railway.Fake.Calls, call => Assert.True(call.Headers.ContainsKey("Project-Access-Token"), call.OperationName));
        var control = railway.Fake.State.VariablesOf(railway.ServiceId("shop-control"), railway.Seed.EnvironmentId);
        Assert.Equal(railway.ProjectToken, control["RAILWAY_TOKEN"]);
        Assert.False(control.ContainsKey("RAILWAY_API_TOKEN"));
        Assert.DoesNotContain(railway.ProjectToken, scaffold.Output, StringComparison.Ordinal);
    }
}
