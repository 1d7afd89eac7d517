using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.State;

/// <summary>
/// Who serves a state directory, as its process writes it (<c>daemon.json</c>, <c>router.json</c>, mode 0600): its pid
/// and start time (so a reused pid is never taken for it), and the cluster address the other one joins.
/// </summary>
internal sealed record NodeRecord(int Pid, long StartTimeTicks, DateTimeOffset StartedAt, string ClusterHost, int ClusterPort)
{
    public const string DaemonFileName = "daemon.json";
    public const string RouterFileName = "router.json";

    /// <summary>The <c>host:port</c> to give as a seed.</summary>
    public string SeedAddress => ClusterHost.Contains(':', StringComparison.Ordinal) ? $"[{ClusterHost}]:{ClusterPort}" : $"{ClusterHost}:{ClusterPort}";

    /// <summary>True while the process that wrote the record still runs (same pid, same start time).</summary>
    public bool IsRunning => ProcStat.IsSameProcess(Pid, StartTimeTicks);

    /// <summary>This process, reachable at the given cluster address.</summary>
    public static NodeRecord OfThisProcess(DateTimeOffset startedAt, string clusterHost, int clusterPort) =>
        new(Environment.ProcessId, ProcStat.StartTimeTicks(Environment.ProcessId) ?? 0, startedAt, clusterHost, clusterPort);

    /// <summary>The record in the file, or null when it is missing or unreadable (then nobody is known to serve).</summary>
    public static NodeRecord? Read(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllBytes(path), NodeRecordJsonContext.Default.NodeRecord) : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Write(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException(StateDirectory.UnixOnly);
        }

        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllBytes(temporary, []);
        File.SetUnixFileMode(temporary, StateDirectory.FileMode);
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(this, NodeRecordJsonContext.Default.NodeRecord));
        File.Move(temporary, path, overwrite: true);
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(NodeRecord))]
internal sealed partial class NodeRecordJsonContext : JsonSerializerContext;
