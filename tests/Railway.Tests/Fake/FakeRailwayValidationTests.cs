using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Orchestrator.Railway.Fake;
using Orchestrator.Railway.Tests.Support;

namespace Orchestrator.Railway.Tests.Fake;

public sealed class FakeRailwayValidationTests : FakeRailwayTest
{
    [Fact]
    public async Task Misspelt_field_is_refused_with_400_and_errors()
    {
        var (status, message) = await PostAsync("""query Project($id: String!) { project(id: $id) { id nmae } }""", $$"""{"id":"{{Seed.ProjectId}}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("nmae", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_argument_type_is_refused_with_400_and_errors()
    {
        var (status, message) = await PostAsync("""query Deployment { deployment(id: 42) { id } }""", "{}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("id", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_variable_type_is_refused_with_400_and_errors()
    {
        var (status, _) = await PostAsync("""query DeploymentLogs($deploymentId: String!, $limit: String) { deploymentLogs(deploymentId: $deploymentId, limit: $limit) { message } }""",
            """{"deploymentId":"d","limit":"ten"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    private async Task<(HttpStatusCode Status, string Message)> PostAsync(string query, string variables)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Fake.Endpoint)
        {
            Content = new StringContent($$"""{"query":{{JsonSerializer.Serialize(query)}},"variables":{{variables}}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccountToken);
        using var response = await http.SendAsync(request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = body.RootElement.GetProperty("errors")[0];
        Assert.False(string.IsNullOrEmpty(error.GetProperty("extensions").GetProperty("traceId").GetString()));
        return (response.StatusCode, error.GetProperty("message").GetString()!);
    }
}
