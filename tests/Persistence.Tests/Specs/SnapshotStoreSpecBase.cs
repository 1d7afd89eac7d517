using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.TestKit.Xunit2;
using Xunit;

namespace Orchestrator.Persistence.Tests.Specs;

/// <summary>Snapshot store behaviour through Akka's snapshot protocol, modelled on Akka's TCK SnapshotStoreSpec; one subclass per backend.</summary>
public abstract class SnapshotStoreSpecBase(Config backend) : TestKit(backend)
{
    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Unique per test so backends that share one database across a test class stay isolated.</summary>
    private readonly string _pid = $"s-{Guid.NewGuid():N}";

    private IActorRef Store => Akka.Persistence.Persistence.Instance.Apply(Sys).SnapshotStoreFor(null);

    [Fact]
    public void SnapshotStore_must_load_the_latest_snapshot()
    {
        SaveFive();

        var loaded = Load(SnapshotSelectionCriteria.Latest);

        Assert.Equal(5, loaded?.Metadata.SequenceNr);
        Assert.Equal("s-5", loaded?.Snapshot);
        Assert.Equal(Start.AddMinutes(5), loaded?.Metadata.Timestamp);
    }

    [Fact]
    public void SnapshotStore_must_load_nothing_for_an_unknown_persistence_id()
    {
        Assert.Null(Load(SnapshotSelectionCriteria.Latest, $"unknown-{Guid.NewGuid():N}"));
    }

    [Fact]
    public void SnapshotStore_must_load_by_max_sequence_nr_and_max_timestamp()
    {
        SaveFive();

        Assert.Equal(3, Load(new SnapshotSelectionCriteria(3))?.Metadata.SequenceNr);
        Assert.Equal(2, Load(new SnapshotSelectionCriteria(long.MaxValue, Start.AddMinutes(2)))?.Metadata.SequenceNr);
        Assert.Null(Load(new SnapshotSelectionCriteria(long.MaxValue, Start)));
    }

    [Fact]
    public void SnapshotStore_must_delete_one_snapshot()
    {
        SaveFive();
        var probe = CreateTestProbe();

        Store.Tell(new DeleteSnapshot(new SnapshotMetadata(_pid, 5, Start.AddMinutes(5))), probe.Ref);
        probe.ExpectMsg<DeleteSnapshotSuccess>();

        Assert.Equal(4, Load(SnapshotSelectionCriteria.Latest)?.Metadata.SequenceNr);
    }

    [Fact]
    public void SnapshotStore_must_delete_by_criteria()
    {
        SaveFive();

        DeleteSnapshots(new SnapshotSelectionCriteria(4));

        Assert.Equal(5, Load(SnapshotSelectionCriteria.Latest)?.Metadata.SequenceNr);
        Assert.Null(Load(new SnapshotSelectionCriteria(4)));
    }

    [Fact]
    public void SnapshotStore_must_replace_a_snapshot_saved_again_at_the_same_sequence_nr()
    {
        SaveFive();

        Save(5, "s-5-again", Start.AddMinutes(6));

        Assert.Equal("s-5-again", Load(SnapshotSelectionCriteria.Latest)?.Snapshot);
    }

    protected void DeleteSnapshots(SnapshotSelectionCriteria criteria)
    {
        var probe = CreateTestProbe();
        Store.Tell(new DeleteSnapshots(_pid, criteria), probe.Ref);
        probe.ExpectMsg<DeleteSnapshotsSuccess>();
    }

    protected void SaveFive()
    {
        for (var i = 1; i <= 5; i++)
        {
            Save(i, $"s-{i}", Start.AddMinutes(i));
        }
    }

    private void Save(long sequenceNr, string snapshot, DateTime timestamp)
    {
        var probe = CreateTestProbe();
        Store.Tell(new SaveSnapshot(new SnapshotMetadata(_pid, sequenceNr, timestamp), snapshot), probe.Ref);
        probe.ExpectMsg<SaveSnapshotSuccess>();
    }

    protected SelectedSnapshot? Load(SnapshotSelectionCriteria criteria, string? persistenceId = null)
    {
        var probe = CreateTestProbe();
        Store.Tell(new LoadSnapshot(persistenceId ?? _pid, criteria, long.MaxValue), probe.Ref);
        return probe.ExpectMsg<LoadSnapshotResult>().Snapshot;
    }
}
