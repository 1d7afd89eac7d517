using System.Collections.Immutable;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Akka.Serialization;

namespace Orchestrator.Persistence.Sqlite;

/// <summary>One event as a row of the journal table, with the tags that go to the tags table; serialized before the writer gets it.</summary>
internal sealed record EventRow(string PersistenceId, long SequenceNr, long CreatedTicks, SerializedPayload Payload, string WriterUuid, IImmutableSet<string> Tags)
{
    /// <summary>
    /// A <see cref="Tagged"/> payload is stored untagged (replay returns the bare payload). Akka leaves the timestamp
    /// to the journal (0 = not set): the row gets <paramref name="nowTicks"/>, UTC ticks as the old plugin wrote them.
    /// </summary>
    public static EventRow Of(Serialization serialization, IPersistentRepresentation persistent, long nowTicks)
    {
        var (payload, tags) = persistent.Payload is Tagged tagged
            ? (tagged.Payload, tagged.Tags)
            : (persistent.Payload, (IImmutableSet<string>)ImmutableHashSet<string>.Empty);
        return new EventRow(
            persistent.PersistenceId,
            persistent.SequenceNr,
            persistent.Timestamp == 0 ? nowTicks : persistent.Timestamp,
            SerializedPayload.Of(serialization, payload),
            persistent.WriterGuid,
            tags);
    }
}
