using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Actors.Routing;
using Orchestrator.Hosting;
using Orchestrator.Hosting.Tls;
using Orchestrator.Router;
using Orchestrator.Router.Replica;
using Orchestrator.Router.State;

namespace Orchestrator.RouterProcess;

/// <summary>
/// One incarnation of a router's cluster membership: remoting under the cluster's mutual TLS, the <c>router</c> role, and
/// the route replica. No journal, no shard region, no app actor. It runs the daemons' split brain resolver, since the
/// leader that acts on a decision may be any member, but never weighs in it (see <see cref="ClusterMembership.ControlRole"/>):
/// a router cut off from every daemon is downed, keeps serving its last tables and starts a new incarnation.
/// </summary>
internal static class RouterActorSystem
{
    public static IHost Build(
        RouterOptions options, ClusterMembership cluster, ClusterCertificate certificate, RouterRuntime runtime, RouterProcessInfo process, RouteTableFile saved)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddAkka(NodeActorSystem.SystemName, akka =>
        {
            akka.AddHocon(HoconResources.Load("orch.conf"), HoconAddMode.Append)
                .WithRemoting(NodeActorSystem.Remoting(cluster, certificate))
                .WithClustering(new ClusterOptions
                {
                    Roles = [RouteTableActor.RouterRole],
                    SeedNodes = cluster.IsClusterOfOne ? null : [.. cluster.SeedAddresses(NodeActorSystem.SystemName)],
                })
                .WithActors((system, _) =>
                {
                    var self = Cluster.Get(system);
                    if (cluster.IsClusterOfOne)
                    {
                        self.Join(self.SelfAddress);
                    }

                    system.ActorOf(RouteReplica.Props(runtime, self.SelfAddress.ToString(), process, saved), "route-replica");
                });

            if (options.AkkaConfigPath is { } overrides)
            {
                akka.AddHocon(ConfigurationFactory.ParseString(File.ReadAllText(overrides)), HoconAddMode.Prepend);
            }

            // On top of everything: TLS stays on, and a downed incarnation ends so that the next one joins.
            akka.AddHocon(
                ConfigurationFactory.ParseString("""
                    akka.remote.dot-netty.tcp.enable-ssl = on
                    akka.cluster.run-coordinated-shutdown-when-down = on
                    """),
                HoconAddMode.Prepend);
        });
        return builder.Build();
    }
}
