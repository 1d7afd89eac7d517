using System.Collections.Immutable;

namespace Orchestrator.Bench.Railway;

/// <summary>One measured deploy.</summary>
/// <param name="Operations">The calls the deploy made, by operation name.</param>
/// <param name="RequestedToSuccess">From <c>serviceInstanceDeployV2</c> to the fake's SUCCESS: what a poller polls through.</param>
/// <param name="SuccessToSwitched">From the fake's SUCCESS to the first answer from the new deployment through our router.</param>
internal sealed record DeploySample(ImmutableDictionary<string, int> Operations, TimeSpan RequestedToSuccess, TimeSpan SuccessToSwitched)
{
    public int Calls => Operations.Values.Sum();
}
