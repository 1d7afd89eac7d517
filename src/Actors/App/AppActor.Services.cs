using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Processes;
using Orchestrator.Config;

namespace Orchestrator.Actors.App;

/// <summary>The app's baseline: <c>service</c> processes that outlive deployments on stable ports.</summary>
internal sealed partial class AppActor
{
    private const string ServicesScope = "services";
    private readonly Dictionary<string, IActorRef> _serviceProcesses = [];

    private string ServicesOwner => $"{_app}/{ServicesScope}";

    private void ServiceCommands()
    {
        Command<ProcessStarted>(started =>
        {
            if (!started.Adopted)
            {
                PersistAsync(new AppServiceLaunched(started.ProcessId, started.Pid, started.StartTimeTicks), Apply);
            }
        });
        Command<ProcessExited>(e => _log.Warning("app {0}: service {1} exited (code {2}, signal {3})", _app, e.ProcessId, e.ExitCode, e.Signal));
        Command<ProcessFailed>(e => _log.Error("app {0}: service {1} failed: {2}", _app, e.ProcessId, e.Reason));
        Command<ProcessStopped>(_ => { });
    }

    /// <summary>Starts the services a deploy's config names when none run yet. Running services are left alone.</summary>
    private void EnsureServices(DeployApp deploy, DeploymentPlan plan)
    {
        var services = deploy.Config.Processes.Where(p => p.Policy == ProcessPolicy.Service).ToList();
        if (services.Count == 0 || _serviceProcesses.Count > 0)
        {
            return;
        }

        var ports = ImmutableDictionary<string, int>.Empty;
        foreach (var service in services.Where(s => s.Port is not null))
        {
            var reservation = _services.Ports.Reserve(service.Port!, ServicesOwner);
            if (reservation.Port is { } port)
            {
                ports = ports.Add(service.Id, port);
            }
            else
            {
                _log.Error("app {0}: no port for service {1}: {2}", _app, service.Id, reservation.Error);
            }
        }

        var started = new AppServicesStarted(plan.ConfigToml, plan.ConfigPath, plan.ReleasePath, plan.Revision, ports, Now);
        Persist(started, e =>
        {
            Apply(e);
            SpawnServices(deploy.Config, e, adopt: false);
        });
    }

    private void WakeServices()
    {
        if (_state.Services is not { } services)
        {
            return;
        }

        var config = AppConfigLoader.Load(services.ConfigToml, services.ConfigPath).Config;
        if (config is null)
        {
            _log.Error("app {0}: the stored config of its services no longer loads", _app);
            return;
        }

        foreach (var (_, port) in services.Ports)
        {
            _services.Ports.TryReserve(port, ServicesOwner);
        }

        SpawnServices(config, services, adopt: true);
    }

    private void SpawnServices(AppConfig config, AppServicesStarted started, bool adopt)
    {
        var logDirectory = _services.LogDirectory(_app, ServicesScope);
        foreach (var service in config.Processes.Where(p => p.Policy == ProcessPolicy.Service))
        {
            var spec = ProcessPlanner.Plan(config, service, ServicesScope, started.ReleasePath, started.Revision, started.Ports, logDirectory);
            var adoptable = adopt && _state.ServicePids.TryGetValue(service.Id, out var launched)
                ? new AdoptableProcess(launched.Pid, launched.StartTimeTicks)
                : null;
            _serviceProcesses[service.Id] = Context.ActorOf(ProcessActor.Props(spec, adoptable, _services.Cgroups), "service-" + service.Id);
        }
    }

    /// <summary>Stops <paramref name="services"/>, a copy taken on the actor before the stop began.</summary>
    private static Task StopServicesAsync(string app, IReadOnlyList<IActorRef> services)
    {
        var stops = services
            .Select(p => p.Ask<ProcessStopped>(new StopProcess($"app {app} stopped"), TimeSpan.FromHours(2)))
            .ToList();
        return Task.WhenAll(stops);
    }
}
