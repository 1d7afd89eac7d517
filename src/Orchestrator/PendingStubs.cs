#pragma warning disable
namespace Orchestrator.Control { public sealed class ControlApiServer : IAsyncDisposable { public static Task<ControlApiServer> StartAsync(IControlPlane p, string s, string? m, CancellationToken c) => throw null!; public ValueTask DisposeAsync() => default; }
 public sealed class DaemonAlreadyRunningException : Exception { } }
namespace Orchestrator.Router { public sealed class RouterRuntime(Microsoft.Extensions.Logging.ILoggerFactory? f = null) : IAsyncDisposable { public ValueTask DisposeAsync() => default; } }
namespace Orchestrator.Router.Replica { public sealed class RouteReplica { public static Akka.Actor.Props Props(RouterRuntime r, string id) => throw null!; } }
