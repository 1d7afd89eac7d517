using Orchestrator.Cli.Railway;
using Orchestrator.Railway.Operations;
using Xunit;

namespace Orchestrator.Control.Tests.Cli.Railway;

public sealed class ServiceChangesTests
{
    private static readonly DesiredService Router = new("shop-router", BaselineRole.Router)
    {
        Image = "ghcr.io/acme/orch-router:1",
        Variables = new Dictionary<string, string> { ["PORT"] = "8080", ["ORCH_TOKEN"] = "secret-token-0123456789" },
        PublicPort = 8080,
    };

    [Fact]
    public void Between_an_equal_service_changes_nothing()
    {
        var changes = ServiceChanges.Between(Router, Actual());

        Assert.True(changes.None);
        Assert.Empty(changes.Descriptions);
    }

    [Fact]
    public void Between_unset_replicas_and_one_is_no_change_as_Railway_defaults_to_one()
    {
        Assert.True(ServiceChanges.Between(Router, Actual(replicas: null)).None);
    }

    [Fact]
    public void Between_another_image_and_replica_count_updates_the_instance_and_redeploys()
    {
        var changes = ServiceChanges.Between(Router, Actual(image: "ghcr.io/acme/orch-router:0", replicas: 3));

        Assert.Equal(new ServiceInstanceUpdateInput { Source = new ServiceSourceInput(Image: "ghcr.io/acme/orch-router:1"), NumReplicas = 1 }, changes.Instance);
        Assert.Empty(changes.Variables);
        Assert.True(changes.Redeploy);
        Assert.Equal(["image ghcr.io/acme/orch-router:0 → ghcr.io/acme/orch-router:1", "replicas 3 → 1"], changes.Descriptions);
    }

    [Fact]
    public void Between_a_changed_secret_writes_only_that_variable_and_names_it_without_its_value()
    {
        var actual = Actual(variables: new Dictionary<string, string> { ["PORT"] = "8080", ["ORCH_TOKEN"] = "old-token-0123456789", ["USER_OWN"] = "x" });

        var changes = ServiceChanges.Between(Router, actual);

        Assert.Equal(new Dictionary<string, string> { ["ORCH_TOKEN"] = "secret-token-0123456789" }, changes.Variables);
        Assert.Null(changes.Instance);
        Assert.Equal(["variable ORCH_TOKEN set"], changes.Descriptions);
        Assert.DoesNotContain(changes.Descriptions, text => text.Contains("token-0123456789", StringComparison.Ordinal));
    }

    [Fact]
    public void Between_a_service_without_its_domain_adds_one_without_a_redeploy()
    {
        var changes = ServiceChanges.Between(Router, Actual(domain: null));

        Assert.True(changes.AddDomain);
        Assert.False(changes.Redeploy);
    }

    [Fact]
    public void Between_no_start_command_wanted_leaves_the_users_alone()
    {
        Assert.True(ServiceChanges.Between(Router, Actual(startCommand: "orch router --verbose")).None);
    }

    private static ActualService Actual(
        string? image = "ghcr.io/acme/orch-router:1",
        int? replicas = 1,
        string? domain = "shop-router.up.railway.app",
        string? startCommand = null,
        IReadOnlyDictionary<string, string>? variables = null) =>
        new(
            "svc-1",
            new RailwayServiceInstance(
                new RailwayServiceSource(image, null),
                startCommand,
                replicas,
                null,
                null,
                new RailwayInstanceDomains(domain is null ? [] : [new RailwayServiceDomain("d-1", domain)])),
            variables ?? Router.Variables);
}
