using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Inspection;

/// <summary>
/// An Akka logger (listed in <c>akka.loggers</c> next to the default one) that keeps every log event the bus hands it in
/// the system's <see cref="NodeLogRing"/>, formatted once here, for <c>orch log peek</c> and <c>orch log tail</c>.
/// </summary>
internal sealed class LogRingLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    /// <summary>The type name <c>akka.loggers</c> lists.</summary>
    public const string TypeName = "Orchestrator.Inspection.LogRingLogger, Orchestrator";

    public LogRingLogger()
    {
        var ring = NodeLogRing.Of(Context.System);
        Receive<LogEvent>(e => ring.Append(ToLine(e)));
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
    }

    internal static NodeLogLine ToLine(LogEvent e)
    {
        var message = e.Message?.ToString() ?? "";
        if (e.Cause is { } cause)
        {
            message = $"{message}: {cause.GetType().Name}: {cause.Message}";
        }

        return new NodeLogLine(
            new DateTimeOffset(DateTime.SpecifyKind(e.Timestamp, DateTimeKind.Utc)),
            LevelOf(e.LogLevel()),
            e.LogSource ?? "",
            message,
            e.Thread?.ManagedThreadId ?? 0);
    }

    private static NodeLogLevel LevelOf(LogLevel level) => level switch
    {
        LogLevel.DebugLevel => NodeLogLevel.Debug,
        LogLevel.InfoLevel => NodeLogLevel.Info,
        LogLevel.WarningLevel => NodeLogLevel.Warning,
        _ => NodeLogLevel.Error,
    };
}
