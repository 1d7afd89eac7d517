namespace Orchestrator.Railway.Fake.Runtime;

/// <summary>What a deployment of a mapped source runs, fixed when it is created, as Railway snapshots a deployment's variables.</summary>
/// <param name="Built">A repo source: the deployment passes through BUILDING.</param>
/// <param name="Environment">The rendered variables, Railway's own, <c>PORT</c> and <c>HOST</c>.</param>
internal sealed record DeploymentLaunch(
    FakeCommand Command, bool Built, IReadOnlyDictionary<string, string> Environment, string Host, int Port, InstanceSettings Settings)
{
    /// <summary>Where the health check asks, or null when the service has none.</summary>
    public Uri? HealthcheckUrl => Settings.HealthcheckPath is { } path ? new UriBuilder(Uri.UriSchemeHttp, Host, Port, path).Uri : null;
}
