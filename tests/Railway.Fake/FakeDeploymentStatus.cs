namespace Orchestrator.Railway.Fake;

/// <summary>The names of Railway's <c>DeploymentStatus</c> values the fake moves a deployment through.</summary>
internal static class FakeDeploymentStatus
{
    public const string Initializing = "INITIALIZING";
    public const string Building = "BUILDING";
    public const string Deploying = "DEPLOYING";
    public const string Success = "SUCCESS";
    public const string Failed = "FAILED";
    public const string Crashed = "CRASHED";
    public const string Removing = "REMOVING";
    public const string Removed = "REMOVED";

    /// <summary>Whether a deployment in <paramref name="status"/> is on its way up or serving.</summary>
    public static bool IsLive(string status) => status is Initializing or Building or Deploying or Success;
}
