#pragma warning disable
namespace Orchestrator.Control { public sealed class ControlApiServer : IAsyncDisposable { public static Task<ControlApiServer> StartAsync(IControlPlane p, string s, string? m, CancellationToken c) => throw null!; public ValueTask DisposeAsync() => default; }
 public sealed class DaemonAlreadyRunningException : Exception { } }
