using Akka.Actor;
using Orchestrator.Actors.Ports;
using Orchestrator.Actors.Processes;
using Orchestrator.Actors.Railway;

namespace Orchestrator.Actors.Deployment;

/// <summary>
/// What a node lends its deployments: the host's ports, the route tables, where logs go, a probe client, and the
/// host the routers of the cluster reach this node's processes at, the cgroups that contain them (null: none), and the
/// Railway runtime for apps with <c>[railway]</c> (null: this daemon was given no Railway token).
/// </summary>
internal sealed record DeploymentServices(
    PortAllocator Ports,
    IActorRef RouteTables,
    string StateDirectory,
    HttpClient HealthClient,
    string DestinationHost = DeploymentServices.LoopbackHost,
    CgroupHierarchy? Cgroups = null,
    RailwayRuntime? Railway = null)
{
    public const string LoopbackHost = "127.0.0.1";

    public string LogDirectory(string app, string deploymentId) =>
        Path.Combine(StateDirectory, Defaults.LogsDirectoryName, app, deploymentId);
}
