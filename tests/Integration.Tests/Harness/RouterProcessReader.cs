using System.Text.Json;

namespace Orchestrator.Integration.Tests.Harness;

/// <summary>The router process of a state directory, as it records itself in <c>router.json</c>.</summary>
internal static class RouterProcessReader
{
    public static int? RouterPid(this OrchEnvironment orch)
    {
        var path = Path.Combine(orch.StateDirectory, "router.json");
        if (!File.Exists(path))
        {
            return null;
        }

        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return json.RootElement.GetProperty("pid").GetInt32();
    }

    public static bool IsRunning(int pid) => File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2].Equals("Z", StringComparison.Ordinal);

    public static string ReadRouterLog(this OrchEnvironment orch) =>
        File.Exists(Path.Combine(orch.StateDirectory, "router.log")) ? File.ReadAllText(Path.Combine(orch.StateDirectory, "router.log")) : "(no router log)";
}
