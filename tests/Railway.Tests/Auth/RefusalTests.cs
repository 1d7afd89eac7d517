using Orchestrator.Railway.Auth;
using Orchestrator.Railway.Fake;
using Orchestrator.Railway.Tests.Support;

namespace Orchestrator.Railway.Tests.Auth;

public sealed class RefusalTests : FakeRailwayTest
{
    [Fact]
    public async Task Project_token_sent_as_bearer_names_RAILWAY_TOKEN()
    {
        // A project token put in RAILWAY_API_TOKEN.
        var client = Client(RailwayToken.Account(ProjectToken));

        var refused = await Assert.ThrowsAsync<RailwayAuthException>(() => client.GetProjectAsync(Seed.ProjectId));

        Assert.Contains("set RAILWAY_TOKEN to a project token", refused.Message, StringComparison.Ordinal);
        Assert.Equal("RAILWAY_TOKEN", refused.VariableToSet);
        Assert.Equal(RailwayTokenKind.Project, refused.RequiredKind);
        Assert.Equal("Project", refused.OperationName);
        Assert.False(string.IsNullOrEmpty(refused.TraceId));
        AssertNoToken(refused);
    }

    [Fact]
    public async Task Account_token_sent_as_project_token_names_RAILWAY_API_TOKEN()
    {
        // An account token put in RAILWAY_TOKEN: Railway answers "project token not found".
        var client = Client(RailwayToken.Project(AccountToken));

        var refused = await Assert.ThrowsAsync<RailwayAuthException>(() => client.GetProjectAsync(Seed.ProjectId));

        Assert.Contains("set RAILWAY_API_TOKEN to an account or workspace token", refused.Message, StringComparison.Ordinal);
        Assert.Contains("project token not found", refused.Message, StringComparison.Ordinal);
        Assert.Equal("RAILWAY_API_TOKEN", refused.VariableToSet);
        AssertNoToken(refused);
    }

    [Fact]
    public async Task Project_token_outside_its_project_names_RAILWAY_API_TOKEN()
    {
        var other = Fake.State.Seed("other");
        var client = Client(RailwayToken.Project(ProjectToken));

        var refused = await Assert.ThrowsAsync<RailwayAuthException>(() => client.GetProjectAsync(other.ProjectId));

        Assert.Contains("Not Authorized", refused.Message, StringComparison.Ordinal);
        Assert.Contains("set RAILWAY_API_TOKEN to an account or workspace token", refused.Message, StringComparison.Ordinal);
        Assert.Equal(RailwayTokenKind.Account, refused.RequiredKind);
        AssertNoToken(refused);
    }

    [Fact]
    public async Task Bare_401_is_a_refusal_with_the_same_advice()
    {
        Fake.Faults.Next(1, new FakeFault.Unauthorized());

        var refused = await Assert.ThrowsAsync<RailwayAuthException>(() => AccountClient().GetProjectAsync(Seed.ProjectId));

        Assert.Contains("HTTP 401", refused.Message, StringComparison.Ordinal);
        Assert.Contains("set RAILWAY_TOKEN to a project token", refused.Message, StringComparison.Ordinal);
        Assert.Single(Fake.Calls);
        AssertNoToken(refused);
    }

    [Fact]
    public async Task Refusal_log_lines_never_hold_the_token()
    {
        var logger = new CapturingLogger<RailwayClient>();
        var client = Client(RailwayToken.Account(ProjectToken), logger: logger);

        await Assert.ThrowsAsync<RailwayAuthException>(() => client.GetProjectAsync(Seed.ProjectId));

        Assert.NotEmpty(logger.Lines);
        Assert.All(logger.Lines, line => Assert.DoesNotContain(ProjectToken, line, StringComparison.Ordinal));
    }
}
