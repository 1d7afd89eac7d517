using Orchestrator.Railway.Tests.Support;

namespace Orchestrator.Railway.Tests;

public sealed class GraphQLErrorTests : FakeRailwayTest
{
    [Fact]
    public async Task Errors_become_a_typed_exception_with_the_operation_and_traceId()
    {
        var failed = await Assert.ThrowsAsync<RailwayGraphQLException>(() => AccountClient().GetDeploymentAsync("no-such-deployment"));

        Assert.Equal("Deployment", failed.OperationName);
        var error = Assert.Single(failed.Errors);
        Assert.Equal("Deployment not found", error.Message);
        Assert.Equal(["deployment"], error.Path);
        Assert.False(string.IsNullOrEmpty(failed.TraceId));
        Assert.Equal(error.TraceId, failed.TraceId);
        Assert.Contains(failed.TraceId!, failed.Message, StringComparison.Ordinal);
        Assert.Contains("Deployment", failed.Message, StringComparison.Ordinal);
        AssertNoToken(failed);
    }
}
