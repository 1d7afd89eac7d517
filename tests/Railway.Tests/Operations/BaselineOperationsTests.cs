using Orchestrator.Railway.Operations;
using Orchestrator.Railway.Tests.Support;

namespace Orchestrator.Railway.Tests.Operations;

/// <summary>The calls <c>orch railway scaffold</c> and <c>ensure</c> make beyond a deploy's: read an instance, add a domain, add a volume.</summary>
public sealed class BaselineOperationsTests : FakeRailwayTest
{
    [Fact]
    public async Task ServiceInstance_reads_back_what_serviceInstanceUpdate_wrote_and_the_domains()
    {
        var client = AccountClient();
        var service = await client.CreateServiceAsync(new ServiceCreateInput(Seed.ProjectId) { EnvironmentId = Seed.EnvironmentId, Name = "shop-router" });
        await client.UpdateServiceInstanceAsync(service.Id, Seed.EnvironmentId, new ServiceInstanceUpdateInput
        {
            Source = new ServiceSourceInput(Image: "ghcr.io/acme/router:1"),
            StartCommand = "orch router",
            NumReplicas = 2,
        });

        var domain = await client.CreateServiceDomainAsync(new ServiceDomainCreateInput(Seed.EnvironmentId, service.Id) { TargetPort = 8080 });
        var instance = await client.GetServiceInstanceAsync(Seed.EnvironmentId, service.Id);

        Assert.EndsWith(".up.railway.app", domain.Domain, StringComparison.Ordinal);
        Assert.Equal("ghcr.io/acme/router:1", instance.Source?.Image);
        Assert.Equal("orch router", instance.StartCommand);
        Assert.Equal(2, instance.NumReplicas);
        Assert.Null(instance.HealthcheckPath);
        Assert.Equal(domain, Assert.Single(instance.Domains.ServiceDomains));
    }

    [Fact]
    public async Task VolumeCreate_mounts_a_volume_on_the_service()
    {
        var client = AccountClient();
        var service = await client.CreateServiceAsync(new ServiceCreateInput(Seed.ProjectId) { EnvironmentId = Seed.EnvironmentId, Name = "shop-db" });

        var volume = await client.CreateVolumeAsync(new VolumeCreateInput(Seed.ProjectId, Seed.EnvironmentId, service.Id, "/data"));

        var stored = Assert.Single(Fake.State.VolumesOf(service.Id));
        Assert.Equal(volume.Id, stored.Id);
        Assert.Equal("/data", stored.MountPath);
    }
}
