using Akka.Actor;
using Orchestrator.Actors.Deployment;

namespace Orchestrator.Actors.App;

/// <summary>Redeploying a deployment's release as a new deployment, and removing a deployment that no longer serves.</summary>
internal sealed partial class AppActor
{
    private void RedeployCommands()
    {
        Command<RedeployApp>(HandleRedeploy);
        Command<RemoveDeployment>(HandleRemove);
    }

    private void HandleRedeploy(RedeployApp redeploy)
    {
        var target = redeploy.DeploymentId ?? _state.ActiveDeploymentId;
        if (target is null || !_deployments.TryGetValue(target, out var deployment))
        {
            redeploy.Progress.Tell(new DeployRefused(
                target is null ? $"app '{_app}' has no active deployment to redeploy" : $"app '{_app}' has no deployment '{target}'",
                "pass --deployment-id with one that `orch status` lists, or deploy a release"));
            return;
        }

        deployment.Ask<DeploymentCreated>(GetDeploymentCreated.Instance, TimeSpan.FromSeconds(5))
            .PipeTo(Self, success: created => new RedeployFrom(created, redeploy.Progress, $"redeploying {target}'s release"),
                failure: _ => new RedeployFrom(null, redeploy.Progress));
    }

    private void HandleRemove(RemoveDeployment remove)
    {
        var id = remove.DeploymentId;
        if (!_deployments.TryGetValue(id, out var deployment))
        {
            Sender.Tell(new DeploymentRemoveReply(false, $"app '{_app}' has no deployment '{id}'", "`orch status` lists its deployments"));
        }
        else if (id == _state.ActiveDeploymentId)
        {
            Sender.Tell(new DeploymentRemoveReply(false, $"{id} is active: it serves app '{_app}'",
                "deploy another release (`orch railway deploy`) or roll back (`orch rollback`), then remove it"));
        }
        else if (id == _state.DeployInProgress)
        {
            Sender.Tell(new DeploymentRemoveReply(false, $"{id} is being deployed", "wait for the deploy to end (`orch status`), then remove it"));
        }
        else if (_state.Ended.Contains(id))
        {
            deployment.Forward(new RemoveStoppedDeployment(remove.Reason));
        }
        else
        {
            var replyTo = Sender;
            deployment.Ask<DeploymentStopped>(new StopDeployment(remove.Reason), StopAskTimeout)
                .PipeTo(replyTo, success: _ => new DeploymentRemoveReply(true, $"{id} stopped ({remove.Reason})"),
                    failure: e => new DeploymentRemoveReply(false, $"{id} did not confirm its stop: {e.Message}", "see `orch status`"));
        }
    }
}
