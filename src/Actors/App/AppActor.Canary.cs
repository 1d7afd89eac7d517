using Akka.Actor;
using Orchestrator.Actors.Deployment;

namespace Orchestrator.Actors.App;

/// <summary>
/// Canaries: one at a time per app, beside an active deployment. While one is live, a deploy is refused (promote or
/// roll it back first); <c>orch promote</c> switches it in like a deploy, and <c>orch rollback</c> drains it.
/// </summary>
internal sealed partial class AppActor
{
    private DeployRefused? CanaryProblem(DeployApp deploy)
    {
        if (_state.CanaryDeploymentId is { } canary)
        {
            return new DeployRefused(
                $"deployment {canary} of app '{_app}' is live as a canary",
                "`orch promote` makes it active, `orch rollback` retires it; then deploy again");
        }

        if (deploy.Canary is not null && _state.ActiveDeploymentId is null)
        {
            return new DeployRefused(
                $"app '{_app}' has no active deployment for a canary to share the traffic with",
                "deploy without --canary first");
        }

        return deploy.Canary is not null && deploy.Config.Proxied is null
            ? new DeployRefused($"app '{_app}' has no proxied process: a canary splits requests", "deploy without --canary")
            : null;
    }

    private void HandleCanaryLive(string deploymentId)
    {
        if (_state.CanaryDeploymentId == deploymentId && _state.DeployInProgress != deploymentId)
        {
            return;
        }

        // A canary reported live while its promote was in progress lost the promote (the node died before the canary
        // recorded it): the active deployment, which handed over on its recovery, serves beside it as before.
        HandBackIfPromoteFailed(deploymentId);
        Persist(new AppCanaryStarted(deploymentId, Now), Apply);
    }

    private void HandlePromote(PromoteApp promote)
    {
        if (_state.DeployInProgress is { } running)
        {
            promote.Progress.Tell(new DeployRefused($"a deploy of app '{_app}' is running (deployment {running})", "wait for it to finish"));
            return;
        }

        if (_state.CanaryDeploymentId is not { } canary || !_deployments.TryGetValue(canary, out var deployment))
        {
            promote.Progress.Tell(new DeployRefused($"app '{_app}' has no canary to promote", "deploy with --canary first; `orch status` shows the deployments"));
            return;
        }

        _progressAwaitingJournal = promote.Progress;
        // A deploy in progress until the canary is active: a second promote or a deploy meanwhile is refused.
        Persist(new AppDeploymentStarted(canary, Now), e =>
        {
            _progressAwaitingJournal = ActorRefs.Nobody;
            Apply(e);
            deployment.Tell(new PromoteCanary(promote.Progress));
        });
    }

    /// <summary>
    /// A promote that fails (or was lost) may have switched the route table before it did: the active deployment (which
    /// never drained) claims its route again. Either order with the canary's own route change leaves it active.
    /// </summary>
    private void HandBackIfPromoteFailed(string deploymentId)
    {
        if (_state.PromoteInProgress && _state.DeployInProgress == deploymentId
            && _state.ActiveDeploymentId is { } active && _deployments.TryGetValue(active, out var deployment))
        {
            deployment.Tell(ReclaimRoute.Instance);
        }
    }

    private void RollBackCanary(string canary, RollbackApp rollback)
    {
        if (rollback.ToDeploymentId is { } to && to != canary && to != _state.ActiveDeploymentId)
        {
            rollback.Progress.Tell(new DeployRefused(
                $"deployment {canary} of app '{_app}' is live as a canary",
                "`orch rollback` without --to retires it first; then roll back further"));
            return;
        }

        if (!_deployments.TryGetValue(canary, out var deployment))
        {
            rollback.Progress.Tell(new DeployRefused($"the canary {canary} of app '{_app}' is gone", "see `orch status`"));
            return;
        }

        _progressAwaitingJournal = rollback.Progress;
        Persist(new AppCanaryRolledBack(canary, Now), e =>
        {
            _progressAwaitingJournal = ActorRefs.Nobody;
            Apply(e);
            deployment.Tell(new BeginDrain($"canary rolled back: {_state.ActiveDeploymentId} serves every request", rollback.Progress));
        });
    }
}
