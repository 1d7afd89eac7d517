using Orchestrator.Railway.Operations;

namespace Orchestrator.Railway.Tests.Support;

/// <summary>A fake Railway that runs the test app, driven through the real client as the deploy path drives Railway.</summary>
public abstract class RunningDeploymentTest : FakeRailwayTest
{
    internal const string Image = "ghcr.io/acme/web:1";

    /// <summary>For calls to the apps: straight to their loopback address, never through a proxy of the environment.</summary>
    internal static readonly HttpClient AppHttp = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(15) };

    private static readonly DeploymentStatus[] Settled = [DeploymentStatus.Failed, DeploymentStatus.Crashed, DeploymentStatus.Removed];

    internal RailwayClient Railway => field ??= AccountClient();

    /// <summary>A service of <paramref name="source"/> on a free port of its private domain, set up with <c>skipDeploys</c>, not deployed yet.</summary>
    internal async Task<AppService> CreateAppServiceAsync(
        string name, ServiceSourceInput source, IReadOnlyDictionary<string, string> variables, ServiceInstanceUpdateInput instance)
    {
        var service = await Railway.CreateServiceAsync(new ServiceCreateInput(Seed.ProjectId) { EnvironmentId = Seed.EnvironmentId, Name = name, Source = source });
        var host = (await Railway.GetVariablesForServiceDeploymentAsync(Seed.ProjectId, Seed.EnvironmentId, service.Id))["RAILWAY_PRIVATE_DOMAIN"];
        var port = Loopback.FreePort(host);
        await Railway.UpsertVariablesAsync(new VariableCollectionUpsertInput(
            Seed.ProjectId, Seed.EnvironmentId, new Dictionary<string, string>(variables) { ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            ServiceId = service.Id,
            SkipDeploys = true,
        });
        await Railway.UpdateServiceInstanceAsync(service.Id, Seed.EnvironmentId, instance);
        return new AppService(service.Id, host, port);
    }

    internal Task<AppService> CreateAppServiceAsync(string name, IReadOnlyDictionary<string, string> variables, ServiceInstanceUpdateInput instance) =>
        CreateAppServiceAsync(name, new ServiceSourceInput(Image: Image), variables, instance);

    internal Task<string> DeployAsync(AppService service) => Railway.DeployServiceInstanceAsync(service.Id, Seed.EnvironmentId);

    /// <summary>Polls the deployment until it is <paramref name="expected"/>; fails at once if it settles in another status.</summary>
    internal async Task<RailwayDeployment> UntilStatusAsync(string deploymentId, DeploymentStatus expected)
    {
        var deployment = await Eventually.UntilAsync(
            () => Railway.GetDeploymentAsync(deploymentId),
            deployment => deployment.Status == expected || Settled.Contains(deployment.Status),
            $"deployment {deploymentId} {expected}");
        Assert.Equal(expected, deployment.Status);
        return deployment;
    }

    internal static Task UntilRefusedAsync(AppService service) =>
        Eventually.UntilAsync(() => Loopback.AcceptsAsync(service.Host, service.Port), accepts => !accepts, $"{service.Host}:{service.Port} refused");

    internal sealed record AppService(string Id, string Host, int Port)
    {
        public Uri Url(string path) => new UriBuilder(Uri.UriSchemeHttp, Host, Port, path).Uri;
    }
}
