using System.Globalization;

namespace Orchestrator.Railway.Fake;

/// <summary>Service instances as <c>serviceInstance</c> reads them, public domains and volumes.</summary>
internal sealed partial class FakeRailwayState
{
    private readonly List<FakeServiceDomain> _domains = [];
    private readonly List<FakeVolume> _volumes = [];

    /// <summary>The service's settings in the environment: what <c>serviceInstanceUpdate</c> wrote, the service's own source otherwise.</summary>
    public FakeServiceInstance ServiceInstanceOf(string serviceId, string environmentId)
    {
        lock (_lock)
        {
            var service = _services[serviceId];
            var settings = _instanceSettings.GetValueOrDefault((serviceId, environmentId)) ?? [];
            var source = settings.GetValueOrDefault("source") as IReadOnlyDictionary<string, object?>;
            var image = source?.GetValueOrDefault("image") as string ?? service.Image;
            var repo = source?.GetValueOrDefault("repo") as string ?? service.Repo;
            return new FakeServiceInstance(
                serviceId,
                environmentId,
                image is null && repo is null ? null : new FakeServiceSource(image, repo),
                settings.GetValueOrDefault("startCommand") as string,
                Number(settings, "numReplicas"),
                settings.GetValueOrDefault("healthcheckPath") as string,
                Number(settings, "healthcheckTimeout"),
                new FakeAllDomains([.. _domains.Where(domain => domain.ServiceId == serviceId && domain.EnvironmentId == environmentId)]));
        }
    }

    public FakeServiceDomain CreateServiceDomain(string serviceId, string environmentId, int? targetPort)
    {
        lock (_lock)
        {
            var service = _services[serviceId];
            var environment = _environments[environmentId];
            var domain = new FakeServiceDomain(
                NewId(), $"{service.Name}-{environment.Name}-{_domains.Count + 1}.up.railway.app", serviceId, environmentId, targetPort);
            _domains.Add(domain);
            return domain;
        }
    }

    public IReadOnlyList<FakeServiceDomain> DomainsOf(string serviceId)
    {
        lock (_lock)
            return [.. _domains.Where(domain => domain.ServiceId == serviceId)];
    }

    public FakeVolume CreateVolume(string projectId, string environmentId, string? serviceId, string mountPath)
    {
        lock (_lock)
        {
            var volume = new FakeVolume(NewId(), "volume-" + (_volumes.Count + 1), projectId, environmentId, serviceId, mountPath);
            _volumes.Add(volume);
            return volume;
        }
    }

    public IReadOnlyList<FakeVolume> VolumesOf(string serviceId)
    {
        lock (_lock)
            return [.. _volumes.Where(volume => volume.ServiceId == serviceId)];
    }

    private static int? Number(IReadOnlyDictionary<string, object?> settings, string name) =>
        settings.GetValueOrDefault(name) is IConvertible value ? value.ToInt32(CultureInfo.InvariantCulture) : null;
}
