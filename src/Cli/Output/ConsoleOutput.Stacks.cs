using Orchestrator.Config;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Output;

/// <summary>The JSON document of <c>orch validate --stack --json</c>.</summary>
/// <param name="Order">The apps in the order they deploy (each after what it depends on); empty when the stack has problems.</param>
internal sealed record ValidateStackReport(
    bool Valid, string StackPath, string? Stack, IReadOnlyList<string> Order, IReadOnlyList<ConfigProblem> Problems);

internal sealed partial class ConsoleOutput
{
    public void StackValidation(ValidateStackReport report)
    {
        if (Json)
        {
            WriteJson(report);
            return;
        }

        if (report.Valid)
        {
            Success($"{Path.GetFileName(report.StackPath)} is valid: stack {report.Stack}, {report.Order.Count} apps, deployed in the order {string.Join(" → ", report.Order)}");
            return;
        }

        Validation(new ValidateReport(false, report.StackPath, null, 0, report.Problems));
    }

    public void StackStarted(StackRunResponse run) =>
        Line($"stack {run.Stack}: run {run.RunId} started (follow it from anywhere with `orch stack status {run.Stack} --follow`)");

    /// <summary>A line per app whose state changed since <paramref name="previous"/>; nothing in JSON mode.</summary>
    public void StackChanges(StackRunStatus? previous, StackRunStatus current)
    {
        foreach (var app in current.Apps)
        {
            var before = previous?.Apps.FirstOrDefault(a => a.App == app.App);
            if (before is not null && before.State == app.State && before.DeploymentId == app.DeploymentId)
            {
                continue;
            }

            if (before is null && app.State == StackAppStates.Pending)
            {
                continue;
            }

            var deployment = app.DeploymentId is null ? "" : $" ({app.DeploymentId})";
            var reason = app.State == StackAppStates.Failed && app.Reason is not null ? $": {app.Reason}" : "";
            Line($"  {app.App}: {app.State}{deployment}{reason}");
        }
    }

    /// <summary>A stack's latest run, as <c>orch stack status</c> shows it.</summary>
    public void StackStatus(StackStatusResponse status)
    {
        if (Json)
        {
            WriteJson(status);
            return;
        }

        if (status.Run is not { } run)
        {
            Line($"stack {status.Stack} has never run");
            return;
        }

        Line($"stack {status.Stack}: run {run.RunId} {run.Outcome} (started {run.StartedAt:u}{(run.EndedAt is { } ended ? $", ended {ended:u}" : "")})");
        var table = new TextTable("APP", "STATE", "DEPLOYMENT", "DEPENDS ON", "REASON");
        foreach (var app in run.Apps)
        {
            table.AddRow(app.App, app.State, app.DeploymentId ?? "-", app.DependsOn.IsEmpty ? "-" : string.Join(",", app.DependsOn), app.Reason ?? "");
        }

        table.WriteTo(_stdout);
    }

    /// <summary>How a run ended: the deployed apps, or the app that failed, why, and what was skipped.</summary>
    public void StackResult(string stack, StackRunStatus run)
    {
        if (Json)
        {
            WriteJson(new StackStatusResponse(stack, run));
        }

        var deployed = run.Apps.Where(a => a.State == StackAppStates.Succeeded).Select(a => a.App).ToList();
        if (run.Outcome == StackRunOutcomes.Succeeded)
        {
            Success($"stack {stack} deployed: {string.Join(", ", deployed)}");
            return;
        }

        _stderr.WriteLine($"error: stack {stack} failed: app {run.FailedApp} failed: {run.Failure}");
        _stderr.WriteLine($"  deployed: {(deployed.Count == 0 ? "none" : string.Join(", ", deployed))}");
        _stderr.WriteLine($"  skipped (untouched, their previous release still serves): {(run.Skipped.IsEmpty ? "none" : string.Join(", ", run.Skipped))}");
        _stderr.WriteLine($"hint: fix {run.FailedApp} and deploy again; `orch logs --app {run.FailedApp}` shows its output");
    }
}
