using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Journal;

namespace Orchestrator.Actors.Tests.Support;

/// <summary>A journal that reads as empty and fails every write, as a journal whose server went away between the two.</summary>
internal sealed class RefusingJournal : AsyncWriteJournal
{
    public const string Error = "the journal's disk is full";

    /// <summary><see cref="PersistenceConfig.InMemory"/> with this journal instead of the in-memory one.</summary>
    public static Akka.Configuration.Config Config() =>
        ConfigurationFactory.ParseString($$"""
            akka.persistence.journal.plugin = "akka.persistence.journal.refusing"
            akka.persistence.journal.refusing.class = "{{typeof(RefusingJournal).AssemblyQualifiedName}}"
            """).WithFallback(PersistenceConfig.InMemory());

    public override Task ReplayMessagesAsync(IActorContext context, string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<IPersistentRepresentation> recoveryCallback) => Task.CompletedTask;

    public override Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken) => Task.FromResult(0L);

    protected override Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken) =>
        Task.FromException<IImmutableList<Exception>>(new IOException(Error));

    protected override Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken) => Task.CompletedTask;
}
