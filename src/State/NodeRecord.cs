using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.State;

/// <summary>
/// Which router process serves a state directory, as it writes it (<c>router.json</c>, mode 0600): its pid and start
/// time, so that a reused pid is never taken for it. The daemon adopts the router it names.
/// </summary>
internal sealed record NodeRecord(int Pid, long StartTimeTicks, DateTimeOffset StartedAt)
{
    public const string RouterFileName = "router.json";

    /// <summary>True while the process that wrote the record still runs (same pid, same start time).</summary>
    public bool IsRunning => ProcStat.IsSameProcess(Pid, StartTimeTicks);

    /// <summary>This process.</summary>
    public static NodeRecord OfThisProcess(DateTimeOffset startedAt) =>
        new(Environment.ProcessId, ProcStat.StartTimeTicks(Environment.ProcessId) ?? 0, startedAt);

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
