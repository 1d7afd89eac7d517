using Orchestrator.Railway.Auth;
using Orchestrator.Railway.Tests.Support;

namespace Orchestrator.Railway.Tests.Auth;

public sealed class AuthHeaderTests : FakeRailwayTest
{
    [Fact]
    public async Task Project_token_goes_in_Project_Access_Token_and_no_bearer()
    {
        await Client(RailwayToken.Project(ProjectToken)).GetProjectAsync(Seed.ProjectId);

        var headers = Assert.Single(Fake.Calls).Headers;
        Assert.True(headers.ContainsKey("Project-Access-Token"));
        Assert.False(headers.ContainsKey("Authorization"));
        Assert.DoesNotContain(headers.Keys, name => name.Contains("team", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Account_token_goes_in_Authorization_Bearer()
    {
        await AccountClient().GetProjectAsync(Seed.ProjectId);

        var headers = Assert.Single(Fake.Calls).Headers;
        Assert.True(headers.ContainsKey("Authorization"));
        Assert.False(headers.ContainsKey("Project-Access-Token"));
    }

    [Fact]
    public async Task Both_variables_set_RAILWAY_TOKEN_wins()
    {
        var token = RailwayToken.FromEnvironment(name => name switch
        {
            "RAILWAY_TOKEN" => ProjectToken,
            "RAILWAY_API_TOKEN" => AccountToken,
            _ => null,
        });

        var project = await Client(token).GetProjectAsync(Seed.ProjectId);

        Assert.Equal("shop", project.Name);
        Assert.True(Assert.Single(Fake.Calls).Headers.ContainsKey("Project-Access-Token"));
    }

    [Fact]
    public async Task Recorded_headers_never_hold_a_token()
    {
        await Client(RailwayToken.Project(ProjectToken)).GetProjectAsync(Seed.ProjectId);
        await AccountClient().GetProjectAsync(Seed.ProjectId);

        foreach (var value in Fake.Calls.SelectMany(call => call.Headers.Values))
        {
            Assert.DoesNotContain(ProjectToken, value, StringComparison.Ordinal);
            Assert.DoesNotContain(AccountToken, value, StringComparison.Ordinal);
        }
    }
}
