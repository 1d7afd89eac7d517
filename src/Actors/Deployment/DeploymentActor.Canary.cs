using Akka.Actor;
using Orchestrator.Actors.Routing;
using Orchestrator.Config;
using Orchestrator.Routing;

namespace Orchestrator.Actors.Deployment;

/// <summary>
/// A canary: after its health passed it serves the requests its rule picks beside the active deployment, which keeps
/// serving the rest and keeps its singletons. A promote switches it in like any deploy (the active one drains); a
/// rollback drains it. Its rule is in its journal and in the route table, so both survive restarts.
/// </summary>
internal sealed partial class DeploymentActor
{
    /// <summary>The canary rule of this deploy while it goes on, and while it serves as a canary; null otherwise.</summary>
    private CanarySpec? _canary;

    /// <summary>The route this deployment serves now: the active one, or its canary rule beside the active one.</summary>
    private ActivateRoute ActivateRouteCommand() =>
        new(App, _deploymentId, Destinations(), Listener(), WarmPath(),
            _canary is { } canary ? new CanaryRoute(_deploymentId, canary.Percent, canary.CookieName, canary.CookieValue) : null);

    private void ServeAsCanary(CanarySpec canary) =>
        Persist(new DeploymentCanaryStarted(canary.Percent, canary.CookieName, canary.CookieValue, Now), e =>
        {
            Apply(e);
            var share = Describe(canary);
            Transition(DeploymentPhase.Canary, "serving " + share);
            _progress.Tell(new DeployProgressed(DeployProgressed.Succeeded,
                $"deployment {_deploymentId} is live as a canary for {share}; `orch promote` makes it active, `orch rollback` retires it",
                _deploymentId, DeploymentPhase.Canary.ToDisplay()));
            _progress = ActorRefs.Nobody;
            Become(ServingAsCanary);
            WatchMembers();
            StartHealthWatch();
        });

    private void ServingAsCanary()
    {
        CommonCommands();
        HealthCommands();
        LiveCommands();
        LiveInstanceCommands(replace: true);
        Command<ReportDeployOutcome>(_ => ReportPhase("recovered as canary"));
        Command<PromoteCanary>(HandlePromote);
        Command<BeginDrain>(HandleBeginDrain);
    }

    /// <summary>
    /// The intent is written before the switch is asked for: once the route table may have switched, a restart must
    /// finish the promote (<see cref="ResumePromote"/>), never send the canary rule again over a table that moved on.
    /// </summary>
    private void HandlePromote(PromoteCanary promote)
    {
        _progress = promote.Progress;
        Persist(new DeploymentCanaryPromoting(Now), e =>
        {
            Apply(e);
            _canary = null;
            Step($"promoting {_deploymentId}: every new request goes to it, the active deployment drains");
            Switch("promoted");
        });
    }

    /// <summary>Recovered with its promote begun: the switch goes again (the table may have it already: it is idempotent).</summary>
    private void ResumePromote()
    {
        _canary = null;
        Switch("promote resumed after a restart");
    }

    /// <summary>A rolled-back canary's routers send it nothing new: its rollback is done (it drains on).</summary>
    private void TellRolledBack()
    {
        if (_progress.IsNobody())
        {
            return;
        }

        _progress.Tell(new DeployProgressed(DeployProgressed.Succeeded,
            $"canary {_deploymentId} is rolled back: the active deployment serves every request; it drains", _deploymentId, DeploymentPhase.Draining.ToDisplay()));
        _progress = ActorRefs.Nobody;
    }

    private static string Describe(CanarySpec canary) =>
        canary.ByCookie
            ? $"the requests with cookie {canary.CookieName}={canary.CookieValue}"
            : $"{canary.Percent}% of the clients (sticky cookie {CanaryRoute.StickyCookie})";
}
