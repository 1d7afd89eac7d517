using System.Text.Json.Serialization;

namespace Orchestrator.RouterProcess;

/// <summary><c>orch router --json</c>'s ready line.</summary>
internal sealed record RouterReady(string Event, int Pid, string Node, string StateDir, string[] Listen, int Tables);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RouterReady))]
internal sealed partial class RouterJsonContext : JsonSerializerContext;
