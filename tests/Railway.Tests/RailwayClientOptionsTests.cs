namespace Orchestrator.Railway.Tests;

public sealed class RailwayClientOptionsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void ForEndpoint_without_an_override_is_Railway_public_API(string? apiUrl)
    {
        Assert.Equal(new Uri("https://backboard.railway.com/graphql/v2"), RailwayClientOptions.ForEndpoint(apiUrl).Endpoint);
    }

    [Fact]
    public void ForEndpoint_override_is_used()
    {
        Assert.Equal(new Uri("http://127.0.0.1:4000/graphql/v2"), RailwayClientOptions.ForEndpoint(" http://127.0.0.1:4000/graphql/v2 ").Endpoint);
    }
}
