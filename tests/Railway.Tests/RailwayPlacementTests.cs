using Orchestrator.Railway.Auth;
using Orchestrator.Railway.Tests.Support;

namespace Orchestrator.Railway.Tests;

public sealed class RailwayPlacementTests : FakeRailwayTest
{
    [Fact]
    public async Task Names_with_an_account_token_resolve_through_the_workspace_and_its_projects()
    {
        var placement = await RailwayPlacement.ResolveAsync(AccountClient(), new("acme", null), new("shop", null), new("production", null), default);

        Assert.Equal((Seed.ProjectId, Seed.EnvironmentId), (placement.ProjectId, placement.EnvironmentId));
        Assert.Equal(["MeWorkspaces", "Projects", "Project"], Fake.Calls.Select(call => call.OperationName));
    }

    [Fact]
    public async Task A_project_name_with_a_project_token_is_the_tokens_project()
    {
        var placement = await RailwayPlacement.ResolveAsync(
            Client(RailwayToken.Project(ProjectToken)), new("acme", null), new("shop", null), new("production", null), default);

        Assert.Equal((Seed.ProjectId, Seed.EnvironmentId), (placement.ProjectId, placement.EnvironmentId));
        Assert.Equal(["ProjectToken", "Project"], Fake.Calls.Select(call => call.OperationName));
    }

    [Fact]
    public async Task A_project_token_of_another_project_than_the_named_one_is_refused_naming_both()
    {
        var failed = await Assert.ThrowsAsync<RailwayPlacementException>(() => RailwayPlacement.ResolveAsync(
            Client(RailwayToken.Project(ProjectToken)), new("acme", null), new("blog", null), new("production", null), default));

        Assert.Contains("belongs to project 'shop', and [railway] project = \"blog\"", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_project_or_workspace_name_says_what_there_is()
    {
        var project = await Assert.ThrowsAsync<RailwayPlacementException>(() =>
            RailwayPlacement.ResolveAsync(AccountClient(), new("acme", null), new("blog", null), new("production", null), default));
        var workspace = await Assert.ThrowsAsync<RailwayPlacementException>(() =>
            RailwayPlacement.ResolveAsync(AccountClient(), new("globex", null), new("shop", null), new("production", null), default));

        Assert.Contains("no project named 'blog'", project.Message, StringComparison.Ordinal);
        Assert.Contains("no workspace named 'globex'; it has: acme", workspace.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ids_cost_one_project_query()
    {
        var placement = await RailwayPlacement.ResolveAsync(AccountClient(), new("acme", null), new(null, Seed.ProjectId), new(null, Seed.EnvironmentId), default);

        Assert.Equal("shop", placement.ProjectName);
        Assert.Equal(["Project"], Fake.Calls.Select(call => call.OperationName));
    }
}
