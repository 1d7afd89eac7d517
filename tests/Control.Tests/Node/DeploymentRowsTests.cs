using System.Collections.Immutable;
using Orchestrator.Control.Contracts;
using Orchestrator.Node;
using Xunit;

namespace Orchestrator.Control.Tests.Node;

public sealed class DeploymentRowsTests
{
    [Fact]
    public void From_Status_OneRowPerDeployment_ByAppThenNewestFirst_WithTheAppsNode()
    {
        var status = new StatusResponse(
        [
            App("web", "node-b", "web-2", Deployment("web-1", "web", 1, "retired"), Deployment("web-2", "web", 2, "active")),
            App("api", "node-a", "api-1", Deployment("api-1", "api", 5, "active")),
            StatusMapperUnavailable("jobs"),
        ],
            SilentNodes: ["node-c"]);

        var rows = DeploymentRows.From(status);

        Assert.Equal(["api-1", "web-2", "web-1"], rows.Deployments.Select(r => r.Id));
        Assert.Equal(["node-a", "node-b", "node-b"], rows.Deployments.Select(r => r.Node));
        Assert.Equal([true, true, false], rows.Deployments.Select(r => r.Active));
        Assert.Equal("it did not answer", rows.UnavailableApps!["jobs"]);
        Assert.Equal(["node-c"], rows.SilentNodes!.Value.AsEnumerable());
    }

    private static AppStatus App(string app, string node, string active, params DeploymentStatus[] deployments) =>
        new(app, node, "127.0.0.1:8182", active, false, [], [.. deployments]);

    private static AppStatus StatusMapperUnavailable(string app) => new(app, null, null, null, false, [], [], "it did not answer");

    private static DeploymentStatus Deployment(string id, string app, int hour, string state) =>
        new(id, app, "r" + hour, state, "/srv", DateTimeOffset.UnixEpoch.AddHours(hour), null, null, null, null,
            ImmutableDictionary<string, int>.Empty, new ConnectionStatus(0, 0, 0), [], null);
}
