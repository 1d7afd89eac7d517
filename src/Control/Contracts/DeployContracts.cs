namespace Orchestrator.Control.Contracts;

/// <summary>
/// POST /v1/deploy. The config travels as text so the daemon validates exactly what the user wrote. For an app with
/// <c>[railway]</c>, <see cref="Image"/>, or <see cref="Repo"/> and <see cref="Commit"/>, name what this deployment runs
/// (<c>orch railway deploy</c>), and <see cref="ReleasePath"/> is only a label: the release is the image.
/// <see cref="Canary"/> (<c>10%</c>, <c>cookie:NAME=VALUE</c>) deploys it as a canary beside the active deployment.
/// </summary>
public sealed record DeployRequest(
    string ConfigToml,
    string ConfigPath,
    string ReleasePath,
    string? Revision,
    string? DeploymentId,
    string? Image = null,
    string? Repo = null,
    string? Commit = null,
    bool KeepFailed = false,
    string? Canary = null);

/// <summary>POST /v1/rollback. With a canary live it retires the canary; the active deployment serves every request.</summary>
public sealed record RollbackRequest(string? App, string? ToDeploymentId);

/// <summary>POST /v1/promote: the app's canary becomes its active deployment; the previous one drains.</summary>
public sealed record PromoteRequest(string? App);

public static class ProgressKinds
{
    /// <summary>A phase change or a step of the deploy.</summary>
    public const string Step = "step";

    /// <summary>A line of output of a process of the deployment.</summary>
    public const string Output = "output";

    /// <summary>Final: the deployment is active (or live as a canary: phase <c>canary</c>). The stream ends after it.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>Final: the deploy failed; <see cref="DeployProgress.Message"/> says why. The stream ends after it.</summary>
    public const string Failed = "failed";
}

/// <summary>One line of the NDJSON stream a deploy, rollback or stop answers with.</summary>
public sealed record DeployProgress(
    string Kind,
    string Message,
    DateTimeOffset At,
    string? App = null,
    string? DeploymentId = null,
    string? Phase = null)
{
    public bool IsFinal => Kind is ProgressKinds.Succeeded or ProgressKinds.Failed;
}
