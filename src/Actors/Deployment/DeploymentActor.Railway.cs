using Akka.Actor;
using Orchestrator.Actors.App;
using Orchestrator.Actors.Processes;
using Orchestrator.Actors.Railway;
using Orchestrator.Config;

namespace Orchestrator.Actors.Deployment;

/// <summary>
/// Apps with <c>[railway]</c>: the proxied process is a <see cref="RailwayServiceActor"/>, a Railway service of its own,
/// where a local app has a <see cref="ProcessActor"/>. The phases, the probe, the switch and the drain are the same.
/// </summary>
internal sealed partial class DeploymentActor
{
    private bool IsRailway => _config?.Railway is not null;

    /// <summary>A Railway app on a daemon that cannot reach Railway fails before anything starts, saying how to give it a token.</summary>
    private string? RailwayRuntimeMissing(AppConfig config)
    {
        if (config.Railway is not { } railway)
        {
            return null;
        }

        if (_services.Railway is null)
        {
            return $"app '{config.App}' deploys to Railway ([railway] in its orch.toml), and this daemon has no Railway token: " +
                "start the daemon with RAILWAY_TOKEN (a project token) or RAILWAY_API_TOKEN (an account or workspace token), " +
                "or deploy with `orch railway deploy`, which reaches the app's control service";
        }

        return railway.Image is null && railway.Repo is null
            ? "[railway] names neither image nor repo: set one in orch.toml, or give the image with --image"
            : null;
    }

    private void RailwayCommands()
    {
        // Not PersistAsync: the ProcessStarted that follows must find the private domain applied.
        Command<RailwayServiceRecorded>(r => Persist(new DeploymentRailwayServiceRecorded(r.ProcessId, r.Service), Apply));
        Command<RailwayServiceProgress>(p => Step(p.Message));
    }

    /// <summary>Once traffic is switched to it, its Railway service stops asking Railway how it is doing.</summary>
    private void TellRailwayServicePromoted()
    {
        if (IsRailway && _config!.Proxied is { } proxied && _processes.TryGetValue(proxied.Id, out var service))
        {
            service.Tell(RailwayServicePromoted.Instance);
        }
    }

    /// <summary>Null when adopting and no service was ever recorded: nothing was created on Railway, so there is nothing to adopt.</summary>
    private Props? RailwayServiceProps(ProcessConfig process, bool adopt, StopProcess? finishStop = null)
    {
        var recorded = _state.RailwayServices.GetValueOrDefault(process.Id);
        if ((adopt || finishStop is not null) && recorded is null)
        {
            return null;
        }

        return RailwayServiceActor.Props(RailwaySpec(process), _services.Railway!, adopt || finishStop is not null ? recorded : null, finishStop);
    }

    /// <summary>
    /// A stopped deployment's services go to the janitor: a kept one is deleted, one already gone costs one call that
    /// Railway answers with "not found", which the janitor takes as deleted.
    /// </summary>
    private void RemoveLeftOnRailway(RemoveStoppedDeployment remove)
    {
        if (_state.RailwayServices.IsEmpty || _services.Railway is not { } railway)
        {
            Sender.Tell(new DeploymentRemoveReply(true, $"{_deploymentId} had already stopped; nothing left to remove"));
            return;
        }

        var app = _state.Created!.App;
        foreach (var service in _state.RailwayServices.Values)
        {
            railway.Janitor.Tell(new DeleteRailwayService(service, app, _deploymentId, remove.Reason));
        }

        var names = string.Join(", ", _state.RailwayServices.Values.Select(s => s.ServiceName));
        Sender.Tell(new DeploymentRemoveReply(true,
            $"{_deploymentId} had stopped; the janitor deletes its Railway service {names} if it is still there (`orch railway status` shows the queue)"));
    }

    private RailwayServiceSpec RailwaySpec(ProcessConfig process)
    {
        var railway = _config!.Railway!;
        var created = _state.Created!;
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PORT"] = railway.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ORCH_DEPLOYMENT_ID"] = _deploymentId,
            ["ORCH_APP"] = created.App,
            ["ORCH_REVISION"] = created.Revision,
        };
        return new RailwayServiceSpec(created.App, _deploymentId, process.Id, railway, railway.Image, created.Railway?.Commit, variables, GracefulStopOf(process.Id),
            created.Railway?.KeepFailed ?? false);
    }
}
