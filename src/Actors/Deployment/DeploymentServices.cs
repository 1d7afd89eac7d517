using Akka.Actor;
using Orchestrator.Actors.Ports;

namespace Orchestrator.Actors.Deployment;

/// <summary>What a node lends its deployments: the host's ports, the route tables, where logs go, a probe client.</summary>
internal sealed record DeploymentServices(
    PortAllocator Ports,
    IActorRef RouteTables,
    string StateDirectory,
    HttpClient HealthClient)
{
    public string LogDirectory(string app, string deploymentId) =>
        Path.Combine(StateDirectory, Defaults.LogsDirectoryName, app, deploymentId);
}
