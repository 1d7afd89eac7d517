using Akka.Pattern;

namespace Orchestrator.Actors.Persistence;

/// <summary>How a journal error reads to the person whose deploy it failed: short, with the journal's own words.</summary>
internal static class JournalFailure
{
    /// <summary>Redis and SQL clients append pages of diagnostics to a timeout; the first part says what happened.</summary>
    private const int MaxReasonLength = 240;

    /// <summary><c>journal write failed: &lt;error&gt;</c>.</summary>
    public static string WriteFailed(Exception cause) => "journal write failed: " + Reason(cause);

    /// <summary>The journal's error, without the breaker's wrapper when its circuit is open.</summary>
    public static string Reason(Exception cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        if (cause is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            return Reason(aggregate.InnerExceptions[0]);
        }

        if (cause is OpenCircuitException { InnerException: { } last })
        {
            return $"{Shorten(last.Message)} (the journal's circuit breaker is open: calls fail fast until it resets)";
        }

        return Shorten(cause.Message);
    }

    private static string Shorten(string message)
    {
        var line = message.ReplaceLineEndings(" ").Trim();
        return line.Length <= MaxReasonLength ? line : line[..MaxReasonLength] + "…";
    }
}
