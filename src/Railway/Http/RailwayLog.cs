using System.Net;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Railway.Http;

/// <summary>The client's log lines. None takes a token or a header value.</summary>
internal static partial class RailwayLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Railway answered {Operation} with HTTP {Status} (attempt {Attempt}); retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string operation, HttpStatusCode status, int attempt, long delayMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Railway answered {Operation} with HTTP {Status} after {Attempts} attempts; giving up")]
    public static partial void GaveUp(ILogger logger, string operation, HttpStatusCode status, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Railway refused the {Kind} token for {Operation}: {Refusal}")]
    public static partial void Refused(ILogger logger, string kind, string operation, string refusal);
}
