using Akka.Actor;
using Akka.Persistence;
using Orchestrator.Actors.Persistence;
using Orchestrator.Control;

namespace Orchestrator.Node;

/// <summary>
/// Asks the node's journal, whichever it is, for the highest sequence number of a persistence id no actor uses:
/// one read through the journal's circuit breaker. It tells a journal that answers from one that is down, before a
/// deploy is sent into actors that would wait on it and before status reports an empty cluster.
/// </summary>
internal static class JournalProbe
{
    public const string ProbePersistenceId = "orch-journal-probe";

    /// <summary>Longer than the Redis client's own timeout, so its error (not ours) is what the user reads.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(8);

    /// <summary>Throws a 503 <see cref="ControlPlaneException"/> naming the journal and its error when it does not answer.</summary>
    public static async Task EnsureAvailableAsync(ActorSystem system, CancellationToken cancellationToken)
    {
        if (await ProblemAsync(system, cancellationToken) is { } problem)
        {
            throw new ControlPlaneException(503, $"the journal ({Name(system)}) is unavailable: {problem}",
                "the running deployments keep serving; deploy again once the journal answers (the daemon log has the details)");
        }
    }

    /// <summary>Null when the journal answered, else its error.</summary>
    public static async Task<string?> ProblemAsync(ActorSystem system, CancellationToken cancellationToken)
    {
        var journal = Akka.Persistence.Persistence.Instance.Apply(system).JournalFor(null);
        try
        {
            // fromSequenceNr > toSequenceNr: the journal only reads the highest sequence number, then answers.
            var answer = await journal.Ask<object>(
                replyTo => new ReplayMessages(1, 0, 0, ProbePersistenceId, replyTo), Timeout, cancellationToken);
            return answer switch
            {
                RecoverySuccess => null,
                ReplayMessagesFailure failure => JournalFailure.Reason(failure.Cause),
                _ => $"unexpected answer {answer.GetType().Name}",
            };
        }
        catch (AskTimeoutException)
        {
            return $"no answer within {Timeout.TotalSeconds:0}s";
        }
    }

    /// <summary>e.g. <c>redis 127.0.0.1:6379/0</c> or <c>sqlite</c>: which journal the node writes to.</summary>
    public static string Name(ActorSystem system)
    {
        var config = system.Settings.Config;
        var plugin = config.GetString("akka.persistence.journal.plugin", "");
        return plugin[(plugin.LastIndexOf('.') + 1)..] switch
        {
            "redis" => $"redis {config.GetString(plugin + ".connection-string", "").Split(',')[0]}/{config.GetInt(plugin + ".database", 0)}",
            var other => other,
        };
    }
}
