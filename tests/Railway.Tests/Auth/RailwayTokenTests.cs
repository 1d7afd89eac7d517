using Orchestrator.Railway.Auth;

namespace Orchestrator.Railway.Tests.Auth;

public sealed class RailwayTokenTests
{
    private const string Secret = "s3cret-token-value";

    [Fact]
    public void FromEnvironment_both_set_the_project_token_wins()
    {
        var token = RailwayToken.FromEnvironment(Variables(("RAILWAY_TOKEN", "project"), ("RAILWAY_API_TOKEN", "account")));

        Assert.Equal(RailwayTokenKind.Project, token.Kind);
        Assert.Equal("RAILWAY_TOKEN", token.Variable);
    }

    [Fact]
    public void FromEnvironment_only_api_token_is_an_account_token()
    {
        var token = RailwayToken.FromEnvironment(Variables(("RAILWAY_TOKEN", "  "), ("RAILWAY_API_TOKEN", "account")));

        Assert.Equal(RailwayTokenKind.Account, token.Kind);
        Assert.Equal("RAILWAY_API_TOKEN", token.Variable);
    }

    [Fact]
    public void FromEnvironment_neither_set_names_both_variables()
    {
        var missing = Assert.Throws<RailwayTokenMissingException>(() => RailwayToken.FromEnvironment(Variables()));

        Assert.Contains("RAILWAY_TOKEN to a project token", missing.Message, StringComparison.Ordinal);
        Assert.Contains("RAILWAY_API_TOKEN to an account or workspace token", missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ToString_never_shows_the_value(bool projectToken)
    {
        var token = projectToken ? RailwayToken.Project(Secret) : RailwayToken.Account(Secret);

        Assert.DoesNotContain(Secret, token.ToString(), StringComparison.Ordinal);
        Assert.Contains(token.Variable, token.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_removes_the_value_from_text()
    {
        var token = RailwayToken.Account(Secret);

        Assert.Equal("bad token [redacted]", token.Redact($"bad token {Secret}"));
    }

    private static Func<string, string?> Variables(params (string Name, string Value)[] set) =>
        name => set.FirstOrDefault(variable => variable.Name == name).Value;
}
