using Microsoft.Extensions.Logging;

namespace Orchestrator.RouterProcess;

/// <summary>
/// When the old router of a hand-over closes its listening sockets, the connections the kernel had queued on them but
/// the router had not accepted yet are reset, unless Linux moves them to the new router's socket of the same
/// SO_REUSEPORT group: <c>net.ipv4.tcp_migrate_req = 1</c> (Linux 5.14+). Turned on before a hand-over when the daemon may.
/// </summary>
internal static partial class PendingConnectionMigration
{
    private const string Sysctl = "/proc/sys/net/ipv4/tcp_migrate_req";

    public static void Enable(ILogger log)
    {
        try
        {
            if (File.ReadAllText(Sysctl).Trim() == "1")
            {
                return;
            }

            File.WriteAllText(Sysctl, "1");
            LogEnabled(log);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogUnavailable(log, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Set net.ipv4.tcp_migrate_req = 1: connections queued on the old router's sockets move to the new router's")]
    private static partial void LogEnabled(ILogger log);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot set net.ipv4.tcp_migrate_req = 1 ({Reason}): a connection queued on the old router's socket when it closes is reset; set it with sysctl")]
    private static partial void LogUnavailable(ILogger log, string reason);
}
