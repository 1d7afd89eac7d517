using Akka.Actor;
using Orchestrator.Actors.Ports;
using Orchestrator.Actors.Processes;

namespace Orchestrator.Actors.Deployment;

/// <summary>
/// What a node lends its deployments: the host's ports, the route tables, where logs go, a probe client, and the
/// host the routers of the cluster reach this node's processes at, and the cgroups that contain them (null: none).
/// </summary>
internal sealed record DeploymentServices(
    PortAllocator Ports,
    IActorRef RouteTables,
    string StateDirectory,
    HttpClient HealthClient,
    string DestinationHost = DeploymentServices.LoopbackHost,
    CgroupHierarchy? Cgroups = null)
{
    public const string LoopbackHost = "127.0.0.1";

    public string LogDirectory(string app, string deploymentId) =>
        Path.Combine(StateDirectory, Defaults.LogsDirectoryName, app, deploymentId);
}
