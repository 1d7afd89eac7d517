using System.Globalization;
using Orchestrator.Cli.Railway;

namespace Orchestrator.Cli.Output;

internal sealed partial class ConsoleOutput
{
    public void RailwayStatus(RailwayStatusReport report)
    {
        if (Json)
        {
            WriteJson(report);
            return;
        }

        var railway = report.Railway;
        Heading($"{railway.App} on Railway  project {railway.ProjectId}  environment {railway.EnvironmentId}");
        var baseline = new TextTable("SERVICE", "ROLE", "ID");
        foreach (var service in railway.Baseline)
        {
            baseline.AddRow(service.Name, service.Role, service.ServiceId ?? "MISSING (orch railway ensure creates it)");
        }

        baseline.WriteTo(_stdout);
        if (report.SharedDir is { } shared)
        {
            Line($"shared dir {shared.Path}: the volume of {shared.Service} at {shared.Location} (Railway reports no size)");
        }

        _stdout.WriteLine();
        var deployments = new TextTable("DEPLOYMENT", "STATE", "SERVICE", "RAILWAY", "PRIVATE DOMAIN", "RELEASE");
        foreach (var deployment in report.Deployments)
        {
            var service = deployment.Processes.Select(p => p.Railway).FirstOrDefault(r => r is not null);
            var state = deployment.Id == report.ActiveDeploymentId ? deployment.State + " *" : deployment.State;
            deployments.AddRow(deployment.Id, state, service?.ServiceName, service?.Status, service?.PrivateDomain, deployment.ReleasePath);
        }

        deployments.WriteTo(_stdout);
        _stdout.WriteLine();
        Line(railway.Janitor.IsEmpty
            ? $"janitor: nothing to delete ({railway.JanitorCallsMade.ToString(CultureInfo.InvariantCulture)} Railway calls since the daemon started)"
            : $"janitor: {railway.Janitor.Length} service(s) to delete, until Railway confirms");
        foreach (var pending in railway.Janitor)
        {
            var error = pending.LastError is { } last ? $", {pending.FailedAttempts} failed attempt(s), last: {last}" : "";
            Line($"  {pending.ServiceName} ({pending.DeploymentId}: {pending.Reason}) queued {pending.QueuedAt.ToLocalTime():yyyy-MM-dd HH:mm:ss}{error}");
        }

        if (!railway.Unknown.IsEmpty)
        {
            Line($"not ours as far as the journal knows (named {railway.App}'s way, left alone):");
            foreach (var service in railway.Unknown)
            {
                Line($"  {service.Name} ({service.ServiceId})");
            }
        }
    }
}
