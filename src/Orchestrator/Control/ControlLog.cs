using Microsoft.Extensions.Logging;

namespace Orchestrator.Control;

internal static partial class ControlLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Control request {Method} {Path} failed")]
    public static partial void RequestFailed(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shutdown requested over the control API failed")]
    public static partial void ShutdownFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removed stale control socket {SocketPath}: nothing answered on it")]
    public static partial void StaleSocketRemoved(ILogger logger, string socketPath);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused control request {Method} {Path} from {Remote}: {Reason}")]
    public static partial void RemoteRequestRefused(ILogger logger, string remote, string method, string path, string reason);
}
