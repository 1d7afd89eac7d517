using System.Text.Json;
using System.Text.RegularExpressions;
using Orchestrator.Railway.Fake;
using Orchestrator.Railway.Operations;

namespace Orchestrator.Railway.Tests;

public sealed partial class DeploymentStatusTests
{
    [Fact]
    public void Every_status_of_the_schema_has_a_member()
    {
        var body = DeploymentStatusEnum().Match(SchemaSubset.Sdl).Groups[1].Value;
        var names = body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.Equal(13, names.Length);
        Assert.All(names, name => Assert.NotEqual(DeploymentStatus.Unknown, DeploymentStatusConverter.Parse(name)));
        Assert.Equal(names.Length + 1, Enum.GetValues<DeploymentStatus>().Length);
    }

    [Theory]
    [InlineData("SUCCESS", nameof(DeploymentStatus.Success))]
    [InlineData("NEEDS_APPROVAL", nameof(DeploymentStatus.NeedsApproval))]
    [InlineData("CRASHED", nameof(DeploymentStatus.Crashed))]
    [InlineData("HIBERNATING", nameof(DeploymentStatus.Unknown))]
    public void Deserialize_reads_Railway_names_and_an_unknown_one_without_throwing(string name, string expected)
    {
        var deployment = JsonSerializer.Deserialize(
            $$$"""{"deployment":{"id":"d","status":"{{{name}}}","serviceId":"s","environmentId":"e","staticUrl":null}}""",
            RailwayJson.TypeInfo<DeploymentData>())!;

        Assert.Equal(Enum.Parse<DeploymentStatus>(expected), deployment.Deployment.Status);
    }

    [GeneratedRegex(@"enum DeploymentStatus \{([^}]*)\}")]
    private static partial Regex DeploymentStatusEnum();
}
