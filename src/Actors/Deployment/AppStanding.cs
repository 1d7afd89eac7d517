namespace Orchestrator.Actors.Deployment;

/// <summary>
/// What the app's journal says of a deployment it wakes after a restart. The app and the deployment write their sides
/// of a hand-over (a promote begun, another deployment activated, a canary rolled back) one after the other, so a
/// deployment's own journal may be a step behind the app's: this is the step it may have missed.
/// </summary>
public enum AppStanding
{
    /// <summary>The deployment's own journal decides: nothing in flight concerns it (or it is the one deploying).</summary>
    AsJournaled,

    /// <summary>
    /// The app's active deployment while a promote of its canary is under way: it keeps serving but does not claim the
    /// route back (the canary's resumed promote takes it); the app then drains it, or hands the route back if the promote fails.
    /// </summary>
    HandingOver,

    /// <summary>Another deployment is active, or its canary was rolled back, and its drain may not be recorded yet: it drains.</summary>
    Superseded,
}
