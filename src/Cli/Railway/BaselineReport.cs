namespace Orchestrator.Cli.Railway;

internal enum BaselineOutcome
{
    Created,
    Updated,
    Unchanged,
}

/// <summary>What <c>orch railway scaffold</c> or <c>ensure</c> did to one service. No variable value is in it.</summary>
/// <param name="Changes">What was created or changed, in words; variables by name only.</param>
/// <param name="Domain">Its public domain (no scheme), if it has one.</param>
/// <param name="DeploymentId">The deployment this run started, if it deployed the service.</param>
internal sealed record BaselineServiceReport(
    string Name, BaselineRole Role, BaselineOutcome Outcome, string? Image, IReadOnlyList<string> Changes, string? Domain, string? DeploymentId);

/// <summary>How to reach the control service's API; the token's value is never part of it.</summary>
/// <param name="File">The token file when the token is there (read or generated); null when it came from <c>$ORCH_TOKEN</c> or the service.</param>
/// <param name="Usage">The command line that reaches the control API with it.</param>
internal sealed record ControlTokenReport(ControlTokenOrigin Origin, string? File, string Usage);

/// <summary>The JSON document of <c>orch railway scaffold --json</c> and <c>orch railway ensure --json</c>.</summary>
/// <param name="ControlUrl">The control API's URL for <c>orch --control</c>.</param>
/// <param name="RouterUrl">The app's public URL, the router service's domain.</param>
internal sealed record RailwayBaselineReport(
    string Command,
    string App,
    string ProjectId,
    string ProjectName,
    string EnvironmentId,
    IReadOnlyList<BaselineServiceReport> Services,
    string? ControlUrl,
    string? RouterUrl,
    ControlTokenReport ControlToken);

/// <summary>The JSON document of a refused <c>scaffold</c>: the baseline services that exist and those that do not.</summary>
internal sealed record BaselineRefusal(string Error, string Hint, IReadOnlyList<string> Existing, IReadOnlyList<string> Missing);

/// <summary>What a verb hands the output: a report, or the refusal of a scaffold (exit 1).</summary>
internal sealed record BaselineRun(RailwayBaselineReport? Report, BaselineRefusal? Refusal)
{
    public int ExitCode => Refusal is null ? OrchCli.Success : OrchCli.Failure;
}
