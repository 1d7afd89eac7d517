using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Query;

namespace Orchestrator.Persistence.Redis.Query;

/// <summary>Creates the <see cref="RedisReadJournal"/>; named by the <c>class</c> setting of akka.persistence.query.journal.redis.</summary>
internal sealed class RedisReadJournalProvider(ExtendedActorSystem system, Config config) : IReadJournalProvider
{
    public IReadJournal GetReadJournal() => new RedisReadJournal(system, config);
}
