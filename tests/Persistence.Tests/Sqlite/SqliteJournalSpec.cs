using Akka.Persistence;
using Orchestrator.Persistence.Tests.Specs;
using Xunit;

namespace Orchestrator.Persistence.Tests.Sqlite;

/// <summary>
/// The shared journal specs on Akka.Persistence.Sql, except two fields of a replayed event it does not keep
/// (ByteArrayJournalSerializer, default table mapping): the writer guid, where it stores one uuid of its own per journal
/// instance, so Akka's replay filter cannot tell two incarnations on one node apart; and the event adapter's manifest,
/// as the default mapping has no column for it (JournalTableConfig.UseEventManifestColumn is false), so an adapter is
/// handed the payload serializer's manifest instead.
/// </summary>
public sealed class SqliteJournalSpec(SqliteDatabaseFixture database)
    : JournalSpecBase(database.Config), IClassFixture<SqliteDatabaseFixture>
{
    [Fact(Skip = "Akka.Persistence.Sql keeps neither the writer guid nor the adapter manifest; pinned by Journal_replays_its_own_writer_uuid_and_no_adapter_manifest_as_Akka_Persistence_Sql_keeps_neither")]
    public override void Journal_must_replay_each_event_with_the_writer_guid_and_adapter_manifest_it_was_written_with()
    {
    }

    /// <summary>Fails once Akka.Persistence.Sql keeps either field: then drop the skip above.</summary>
    [Fact]
    public void Journal_replays_its_own_writer_uuid_and_no_adapter_manifest_as_Akka_Persistence_Sql_keeps_neither()
    {
        var written = WriteTwoWriters();

        var replayed = Replay(1, long.MaxValue, long.MaxValue, Pid).Messages;

        Assert.Single(replayed.Select(m => m.WriterGuid).Distinct());
        Assert.DoesNotContain(replayed[0].WriterGuid, written.Select(p => p.WriterGuid));
        Assert.DoesNotContain(written[0].Manifest, replayed.Select(m => m.Manifest));
        Assert.DoesNotContain(written[1].Manifest, replayed.Select(m => m.Manifest));
    }
}
