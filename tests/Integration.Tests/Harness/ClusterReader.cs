using System.Text.Json;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Integration.Tests.Harness;

/// <summary>Reads <c>orch cluster show --json</c> into the control API's own records.</summary>
internal static class ClusterReader
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task<ClusterStatus> ClusterAsync(this OrchEnvironment orch)
    {
        var result = await orch.RunAsync("cluster", "show", "--json");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"orch cluster show failed: {result}");
        }

        return JsonSerializer.Deserialize<ClusterStatus>(result.Stdout, Options)
            ?? throw new InvalidOperationException("orch cluster show --json printed null");
    }

    public static async Task<string> SelfAddressAsync(this OrchEnvironment orch) => (await orch.ClusterAsync()).Self;
}
