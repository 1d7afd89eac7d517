using System.Text.Json.Serialization;

namespace Orchestrator.RouterHost;

/// <summary><c>orch router --json</c>'s ready line: <paramref name="Feed"/> is the daemon's feed it reads its tables from (a socket path or <c>HOST:PORT</c>).</summary>
internal sealed record RouterReady(string Event, int Pid, string Feed, string StateDir, string[] Listen, int Tables);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RouterReady))]
internal sealed partial class RouterJsonContext : JsonSerializerContext;
