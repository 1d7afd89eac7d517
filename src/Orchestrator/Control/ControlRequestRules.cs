using Microsoft.AspNetCore.Http;
using Orchestrator.Actors;
using Orchestrator.Config;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Control;

/// <summary>
/// The shape of each request, checked before it reaches the plane: required strings present, every id that becomes an
/// actor name, a file name or a Redis key within <see cref="SafeId"/>, and numbers within their limits. A violation is a
/// 400 that says which field is wrong and what is allowed.
/// </summary>
internal static class ControlRequestRules
{
    private const string IdHint = "ids look like web-250301-120509 (the default deployment id); `orch status` lists the ones in use";

    public static void Check(DeployRequest request)
    {
        Required("configToml", request.ConfigToml, "send the text of orch.toml");
        Required("configPath", request.ConfigPath, "send the absolute path of orch.toml");
        Required("releasePath", request.ReleasePath, "pass --release-path with the directory of the release");
        Id("deploymentId", request.DeploymentId);
    }

    public static void Check(RollbackRequest request)
    {
        Id("app", request.App);
        Id("toDeploymentId", request.ToDeploymentId);
    }

    public static void Check(PromoteRequest request) => Id("app", request.App);

    public static void Check(StopRequest request) => Id("app", request.App);

    public static void Check(RedeployRequest request)
    {
        Id("app", request.App);
        Id("deploymentId", request.DeploymentId);
    }

    public static void Check(RemoveRequest request)
    {
        Id("app", request.App);
        Required("deploymentId", request.DeploymentId, "pass --deployment-id ID; `orch status` lists the deployments");
        Id("deploymentId", request.DeploymentId);
    }

    public static void Check(RailwayStatusRequest request)
    {
        Required("configToml", request.ConfigToml, "send the text of orch.toml");
        Required("configPath", request.ConfigPath, "send the absolute path of orch.toml");
    }

    public static void CheckStatus(string? app) => Id("app", app);

    public static void Check(LogsRequest request)
    {
        Id("app", request.App);
        Id("process", request.ProcessId);
        Id("deployment", request.DeploymentId);
        if (request.Lines > Defaults.MaxLogLines)
        {
            throw new ControlRequestException(
                StatusCodes.Status400BadRequest,
                $"lines={request.Lines} is more than the {Defaults.MaxLogLines} lines one logs request may ask for",
                $"ask for at most {Defaults.MaxLogLines} lines (--lines), or follow the log (--follow)");
        }
    }

    public static void Check(EventsRequest request)
    {
        Id("app", request.App);
        if (request.Limit > Defaults.MaxEventLogLimit)
        {
            throw new ControlRequestException(
                StatusCodes.Status400BadRequest,
                $"limit={request.Limit} is more than the {Defaults.MaxEventLogLimit} entries one events request may ask for",
                $"ask for at most {Defaults.MaxEventLogLimit} entries (--limit), or a time window (--since)");
        }
    }

    private static void Required(string field, string? value, string hint)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ControlRequestException(StatusCodes.Status400BadRequest, $"{field} is empty", hint);
        }
    }

    /// <summary>Absent is fine (the daemon picks one); present must follow the rule, and an empty string is not absent.</summary>
    private static void Id(string field, string? value)
    {
        if (value is not null && SafeId.Problem(field, value) is { } problem)
        {
            throw new ControlRequestException(StatusCodes.Status400BadRequest, problem, IdHint);
        }
    }
}
