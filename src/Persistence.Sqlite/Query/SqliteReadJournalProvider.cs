using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Query;

namespace Orchestrator.Persistence.Sqlite.Query;

/// <summary>Creates the <see cref="SqliteReadJournal"/>; named by the <c>class</c> setting of akka.persistence.query.journal.sqlite.</summary>
internal sealed class SqliteReadJournalProvider(ExtendedActorSystem system, Config config) : IReadJournalProvider
{
    public IReadJournal GetReadJournal() => new SqliteReadJournal(system, config);
}
