using Orchestrator.Cli.Railway;

namespace Orchestrator.Cli.Output;

internal sealed partial class ConsoleOutput
{
    /// <summary>What <c>orch railway scaffold</c> or <c>ensure</c> did, or why scaffold refused; never a token.</summary>
    public void Baseline(BaselineRun run)
    {
        if (run.Refusal is { } refusal)
        {
            BaselineRefused(refusal);
        }
        else if (Json)
        {
            WriteJson(run.Report!);
        }
        else
        {
            BaselineText(run.Report!);
        }
    }

    private void BaselineRefused(BaselineRefusal refusal)
    {
        _stderr.WriteLine($"error: {refusal.Error}");
        _stderr.WriteLine($"  exists:  {(refusal.Existing.Count == 0 ? "-" : string.Join(", ", refusal.Existing))}");
        _stderr.WriteLine($"  missing: {(refusal.Missing.Count == 0 ? "-" : string.Join(", ", refusal.Missing))}");
        _stderr.WriteLine($"hint: {refusal.Hint}");
        if (Json)
        {
            WriteJson(refusal);
        }
    }

    private void BaselineText(RailwayBaselineReport report)
    {
        var changed = report.Services.Count(service => service.Outcome != BaselineOutcome.Unchanged);
        Heading(report.Command == "scaffold"
            ? $"created the Railway baseline of {report.App} in project {report.ProjectName}, environment {report.EnvironmentId}"
            : changed == 0
                ? $"the Railway baseline of {report.App} matches orch.toml: nothing changed"
                : $"reconciled the Railway baseline of {report.App}: {changed} of {report.Services.Count} services created or updated");
        var table = new TextTable("service", "role", "outcome", "image", "deployment", "domain", "changes");
        foreach (var service in report.Services)
        {
            table.AddRow(
                service.Name,
                service.Role.ToString().ToLowerInvariant(),
                service.Outcome.ToString().ToLowerInvariant(),
                service.Image,
                service.DeploymentId,
                service.Domain,
                string.Join("; ", service.Changes));
        }

        table.WriteTo(_stdout);
        Line($"control API: {report.ControlUrl ?? "-"}    public URL (router): {report.RouterUrl ?? "-"}");
        var token = report.ControlToken;
        Line(token.Origin switch
        {
            ControlTokenOrigin.Environment => "control token: the ORCH_TOKEN you set (not printed)",
            ControlTokenOrigin.Service => "control token: kept as the control service has it (its ORCH_TOKEN variable on Railway; not printed)",
            ControlTokenOrigin.Generated => $"control token: generated and written to {token.File} (mode 600; not printed)",
            _ => $"control token: read from {token.File} (not printed)",
        });
        Line($"use it as: {token.Usage}");
    }
}
