using System.Text.Json;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Integration.Tests.Harness;

/// <summary>Reads <c>orch status --json</c> into the control API's own records.</summary>
internal static class StatusReader
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task<StatusResponse> StatusAsync(this OrchEnvironment orch, string? app = null)
    {
        var result = app is null ? await orch.RunAsync("status", "--json") : await orch.RunAsync("status", "--app", app, "--json");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"orch status failed: {result}");
        }

        return JsonSerializer.Deserialize<StatusResponse>(result.Stdout, Options)
            ?? throw new InvalidOperationException("orch status --json printed null");
    }

    public static async Task<AppStatus> AppAsync(this OrchEnvironment orch, string app) =>
        (await orch.StatusAsync(app)).Apps.Single(a => a.App == app);

    public static DeploymentStatus Deployment(this AppStatus app, string revision) =>
        app.Deployments.First(d => d.Revision == revision);
}
