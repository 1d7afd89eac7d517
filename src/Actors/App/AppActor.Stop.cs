using System.Collections.Immutable;
using Akka.Actor;
using Orchestrator.Actors.Deployment;
using Orchestrator.Actors.Processes;
using Orchestrator.Actors.Releases;
using Orchestrator.Actors.Routing;

namespace Orchestrator.Actors.App;

/// <summary>Stopping the app and answering its status.</summary>
internal sealed partial class AppActor
{
    /// <summary>Long enough for the longest graceful stop a process may ask for.</summary>
    private static readonly TimeSpan StopAskTimeout = TimeSpan.FromHours(2);

    private void HandleStop(StopApp stop)
    {
        var replyTo = Sender;
        var live = _deployments
            .Where(d => !_state.Ended.Contains(d.Key))
            .Select(d => d.Value.Ask<DeploymentStopped>(new StopDeployment($"app {_app} stopped"), StopAskTimeout))
            .ToList();
        // The task runs off the actor: it gets copies of what it needs, never the actor's fields.
        var services = _serviceProcesses.Values.ToList();
        StopEverything(_app, _services.RouteTables, live, services)
            .PipeTo(Self, success: () => new AppStopCompleted(replyTo, live.Count, services.Count),
                failure: e => new AppStopCompleted(replyTo, live.Count, services.Count, e.Message));
        BecomeStacked(StoppingApp);
    }

    private static async Task StopEverything(string app, IActorRef routeTables, List<Task<DeploymentStopped>> deployments, List<IActorRef> services)
    {
        await Task.WhenAll(deployments);
        await routeTables.Ask<RouteUpdated>(new ClearRoutes(app), TimeSpan.FromSeconds(30));
        await StopServicesAsync(app, services);
    }

    private void StoppingApp()
    {
        Command<AppStopCompleted>(done =>
        {
            _services.Ports.Release(ServicesOwner);
            foreach (var service in _serviceProcesses.Values)
            {
                Context.Stop(service);
            }

            _serviceProcesses.Clear();
            Persist(new AppStopped(Now), e =>
            {
                Apply(e);
                var message = done.Error is null
                    ? $"app {_app} stopped: {done.Deployments} deployment(s) and {done.Services} service(s); the router answers 503"
                    : $"app {_app} stopped with an error: {done.Error}";
                done.ReplyTo.Tell(new AppStopReply(_app, message));
                UnbecomeStacked();
                Stash.UnstashAll();
            });
        });
        Command<DeploymentPhaseChanged>(HandlePhaseChanged);
        Command<GetAppStatus>(_ => ReplyStatus());
        Command<ProcessStopped>(_ => { });
        CommandAny(_ => Stash.Stash());
    }

    private void ReplyStatus()
    {
        var timeout = TimeSpan.FromSeconds(5);
        var deployments = _state.Deployments
            .Where(_deployments.ContainsKey)
            .Select(id => _deployments[id].Ask<DeploymentStatusView>(GetDeploymentStatus.Instance, timeout))
            .ToList();
        var services = _serviceProcesses.Values.Select(p => p.Ask<ProcessStatusSnapshot>(GetProcessStatus.Instance, timeout)).ToList();
        BuildStatus(_app, NodeAddress(), _state, deployments, services, _services.StateDirectory).PipeTo(Sender);
    }

    /// <summary>This node's cluster address, e.g. <c>akka.tcp://orch@10.0.0.5:4053</c>: where the app and its processes run.</summary>
    private static string NodeAddress() => ((ExtendedActorSystem)Context.System).Provider.DefaultAddress.ToString();

    private static async Task<AppStatusView> BuildStatus(
        string app,
        string node,
        AppState state,
        List<Task<DeploymentStatusView>> deployments,
        List<Task<ProcessStatusSnapshot>> services,
        string stateDirectory)
    {
        var views = await PartialAnswers.Of(deployments);
        var serviceViews = await PartialAnswers.Of(services);
        var shared = views.FirstOrDefault(v => v.DeploymentId == state.ActiveDeploymentId)?.SharedDirs;
        ImmutableArray<SharedDirUsage>? usage = shared is { } paths
            ? paths.Select(path => (Path: path, Location: SharedDirectories.Location(stateDirectory, app, path)))
                .Select(d => new SharedDirUsage(d.Path, d.Location, SharedDirectories.SizeOf(d.Location)))
                .ToImmutableArray()
            : null;
        return new AppStatusView(app, node, state.Listen, state.ActiveDeploymentId, state.DeployInProgress,
            [.. serviceViews.OrderBy(s => s.ProcessId, StringComparer.Ordinal)],
            [.. views.OrderByDescending(v => v.CreatedAt)], usage);
    }

    private sealed record AppStopCompleted(IActorRef ReplyTo, int Deployments, int Services, string? Error = null);
}
