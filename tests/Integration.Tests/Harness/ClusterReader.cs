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

    /// <summary>Which of <paramref name="workers"/> is the node at <paramref name="node"/> (as status names an app's node), and every worker's address.</summary>
    public static async Task<(int Index, string[] Addresses)> HostOfAsync(this IReadOnlyList<OrchEnvironment> workers, string? node)
    {
        var addresses = await Task.WhenAll(workers.Select(w => w.SelfAddressAsync()));
        var index = Array.IndexOf(addresses, node);
        Xunit.Assert.True(index >= 0, $"the app runs on {node}, which is not a worker ({string.Join(", ", addresses)})");
        return (index, addresses);
    }
}
