using System.Text.Json;
using Orchestrator.Railway.Operations;
using Orchestrator.Railway.Tests.Support;

namespace Orchestrator.Railway.Tests.Operations;

public sealed class UnsetFieldsTests : FakeRailwayTest
{
    [Fact]
    public async Task Unset_input_fields_are_absent_from_the_request_not_null()
    {
        var client = AccountClient();
        var service = await client.CreateServiceAsync(new ServiceCreateInput(Seed.ProjectId) { EnvironmentId = Seed.EnvironmentId, Name = "shop-d1" });

        await client.UpdateServiceInstanceAsync(service.Id, environmentId: null, new ServiceInstanceUpdateInput { HealthcheckPath = "/up" });

        var create = Fake.Calls[0].Variables;
        Assert.DoesNotContain("null", create, StringComparison.Ordinal);
        using var created = JsonDocument.Parse(create);
        Assert.Equal(["environmentId", "name", "projectId"], created.RootElement.GetProperty("input").EnumerateObject().Select(field => field.Name).Order());

        var update = Fake.Calls[1].Variables;
        Assert.DoesNotContain("null", update, StringComparison.Ordinal);
        using var updated = JsonDocument.Parse(update);
        Assert.Equal(["serviceId", "input"], updated.RootElement.EnumerateObject().Select(field => field.Name));
        Assert.Equal(["healthcheckPath"], updated.RootElement.GetProperty("input").EnumerateObject().Select(field => field.Name));

        // And the fake, which unsets a field sent as null as Railway does, kept every other setting unset.
        Assert.Equal(["healthcheckPath"], Fake.State.InstanceSettingsOf(service.Id, Seed.EnvironmentId).Keys);
    }
}
