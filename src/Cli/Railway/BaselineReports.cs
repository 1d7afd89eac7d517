using Orchestrator.Railway;

namespace Orchestrator.Cli.Railway;

/// <summary>Puts a run's per-service outcomes together with how to reach the control API.</summary>
internal static class BaselineReports
{
    public static RailwayBaselineReport Of(
        string command, RailwaySession session, RailwayPlacement placement, IReadOnlyList<BaselineServiceReport> services, ControlToken controlToken)
    {
        var controlUrl = UrlOf(services, BaselineRole.Control);
        return new RailwayBaselineReport(
            command,
            session.App.App,
            placement.ProjectId,
            placement.ProjectName,
            placement.EnvironmentId,
            services,
            controlUrl,
            UrlOf(services, BaselineRole.Router),
            TokenReport(session.ControlToken, controlToken, controlUrl ?? "https://CONTROL-DOMAIN"));
    }

    private static string? UrlOf(IReadOnlyList<BaselineServiceReport> services, BaselineRole role) =>
        services.FirstOrDefault(service => service.Role == role)?.Domain is { } domain ? "https://" + domain : null;

    private static ControlTokenReport TokenReport(ControlTokenSource source, ControlToken token, string controlUrl)
    {
        var command = $"orch --control {controlUrl} railway deploy ...";
        return token.Origin switch
        {
            ControlTokenOrigin.Environment => new ControlTokenReport(token.Origin, null, $"ORCH_TOKEN=\"$ORCH_TOKEN\" {command}"),
            ControlTokenOrigin.Service => new ControlTokenReport(
                token.Origin, null, $"ORCH_TOKEN=<the ORCH_TOKEN variable of the control service> {command}"),
            _ => new ControlTokenReport(token.Origin, source.File, $"ORCH_TOKEN=$(cat {ShellQuoted(source.File)}) {command}"),
        };
    }

    private static string ShellQuoted(string path) =>
        path.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_') ? path : "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
