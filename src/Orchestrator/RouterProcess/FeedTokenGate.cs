using Microsoft.Extensions.Logging;
using Orchestrator.Config;
using Orchestrator.Routing.Feed;

namespace Orchestrator.RouterProcess;

/// <summary>
/// Admits a router to the feed over TCP only with the daemon's bearer token in its hello (<see cref="FeedHandshake"/>),
/// compared in constant time. A refusal is answered with one error line and logged with the peer's address and the
/// reason, never with what it sent.
/// </summary>
internal sealed partial class FeedTokenGate(BearerToken token, ILogger log)
{
    /// <summary>True when the router may read the feed; false once it was refused (the caller closes the connection).</summary>
    public async Task<bool> AdmitAsync(FeedConnection connection, string remote, CancellationToken cancellationToken)
    {
        var reason = await RefusalAsync(connection, cancellationToken);
        if (reason is null)
        {
            await connection.WriteAsync(FeedAnswer.Welcome, FeedJsonContext.Default.FeedAnswer, cancellationToken);
            LogAdmitted(log, remote);
            return true;
        }

        LogRefused(log, remote, reason);
        var answer = new FeedAnswer(false,
            $"the daemon's feed needs its bearer token ({reason} came with the hello); set {BearerToken.EnvironmentVariable} to the token the daemon was started with");
        try
        {
            await connection.WriteAsync(answer, FeedJsonContext.Default.FeedAnswer, cancellationToken);
        }
        catch (IOException)
        {
            // It left already: nothing to tell.
        }

        return false;
    }

    /// <summary>Why the hello does not admit the router, or null when it carries the token.</summary>
    private async Task<string?> RefusalAsync(FeedConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            var hello = await connection.ReadAsync(FeedJsonContext.Default.FeedHello, cancellationToken)
                .WaitAsync(FeedHandshake.HelloTimeout, cancellationToken);
            return hello switch
            {
                null => "nothing",
                { Token: null or "" } => "no token",
                _ when token.Accepts(hello.Token) => null,
                _ => "a wrong token",
            };
        }
        catch (TimeoutException)
        {
            return $"no hello within {FeedHandshake.HelloTimeout.TotalSeconds:0}s";
        }
        catch (InvalidDataException)
        {
            return "a line that is no hello";
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Router at {Remote} joined the feed over TCP")]
    private static partial void LogAdmitted(ILogger log, string remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a router's feed connection from {Remote}: {Reason}")]
    private static partial void LogRefused(ILogger log, string remote, string reason);
}
