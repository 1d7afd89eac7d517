using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;

namespace Orchestrator.Persistence.Tests.Redis;

/// <summary>What specs that SIGKILL redis-server under the journal and restart it share.</summary>
internal static class RedisOutage
{
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    // Short client timeouts so a dead server fails writes quickly; a short breaker reset so recovery is retried soon after.
    private const string FastFailure = ",asyncTimeout=1000,syncTimeout=1000,connectTimeout=1000";
    private static readonly Config Breaker = ConfigurationFactory.ParseString("""
        akka.persistence.journal.redis.circuit-breaker { max-failures = 1000, call-timeout = 5s, reset-timeout = 1s }
        """);

    /// <summary>A server of its own whose acknowledged writes survive a kill (fsync-always append-only file).</summary>
    public static RedisServerFixture Server() => new() { AppendOnly = true };

    public static Config JournalConfig(RedisServerFixture redis) =>
        Breaker.WithFallback(redis.Config($"fault-{Guid.NewGuid():N}:", FastFailure));

    /// <summary>
    /// Starts fresh incarnations and asks each for <paramref name="report"/> until one answers with a
    /// <typeparamref name="TAnswer"/>: the first may still meet a reconnecting client or a half-open breaker.
    /// </summary>
    public static async Task<TAnswer> AskRecoveredAsync<TAnswer>(TestProbe probe, Func<IActorRef> incarnate, object report)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (true)
        {
            var incarnation = incarnate();
            probe.Watch(incarnation);
            incarnation.Tell(report, probe.Ref);
            switch (await probe.ReceiveOneAsync(Generous))
            {
                case TAnswer answer:
                    probe.Unwatch(incarnation);
                    return answer;
                case Terminated when DateTime.UtcNow < deadline:
                    continue;
                case var other:
                    throw new Xunit.Sdk.XunitException($"recovery did not succeed: {other ?? "nothing"}");
            }
        }
    }
}
