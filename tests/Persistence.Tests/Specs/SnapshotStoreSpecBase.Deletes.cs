using Akka.Persistence;
using Xunit;

namespace Orchestrator.Persistence.Tests.Specs;

/// <summary>Deleting one snapshot or every snapshot a criteria selects, and nothing else.</summary>
public abstract partial class SnapshotStoreSpecBase
{
    [Fact]
    public void SnapshotStore_must_delete_one_snapshot()
    {
        SaveFive();

        DeleteSnapshot(new SnapshotMetadata(_pid, 5, SavedAt(5)));

        Assert.Equal([1L, 2, 3, 4], StoredSequenceNrs());
        Assert.Equal(4, Load(SnapshotSelectionCriteria.Latest)?.Metadata.SequenceNr);
    }

    /// <summary>As a persistent actor's DeleteSnapshot(sequenceNr) does: by persistence id and sequence nr alone.</summary>
    [Fact]
    public void SnapshotStore_must_delete_one_snapshot_named_without_its_timestamp()
    {
        SaveFive();

        DeleteSnapshot(new SnapshotMetadata(_pid, 3, DateTime.MinValue));

        Assert.Equal([1L, 2, 4, 5], StoredSequenceNrs());
    }

    /// <summary>As Akka's own stores do: a timestamp other than MinValue or MaxValue names one saved snapshot.</summary>
    [Fact]
    public void SnapshotStore_must_not_delete_a_snapshot_named_with_another_timestamp()
    {
        SaveFive();

        DeleteSnapshot(new SnapshotMetadata(_pid, 3, SavedAt(3).AddTicks(1)));
        DeleteSnapshot(new SnapshotMetadata(_pid, 4, SavedAt(4).AddTicks(-1)));

        Assert.Equal([1L, 2, 3, 4, 5], StoredSequenceNrs());
    }

    [Fact]
    public void SnapshotStore_must_delete_one_snapshot_named_with_the_max_timestamp()
    {
        SaveFive();

        DeleteSnapshot(new SnapshotMetadata(_pid, 2, DateTime.MaxValue));

        Assert.Equal([1L, 3, 4, 5], StoredSequenceNrs());
    }

    [Fact]
    public void SnapshotStore_must_delete_by_max_sequence_nr()
    {
        SaveFive();

        DeleteSnapshots(new SnapshotSelectionCriteria(4));

        Assert.Equal([5L], StoredSequenceNrs());
    }

    [Fact]
    public void SnapshotStore_must_delete_by_max_sequence_nr_and_max_timestamp_together()
    {
        SaveFive();

        DeleteSnapshots(new SnapshotSelectionCriteria(4, SavedAt(4).AddTicks(-1)));

        Assert.Equal([4L, 5], StoredSequenceNrs());
    }

    [Fact]
    public void SnapshotStore_must_delete_nothing_with_criteria_that_match_nothing()
    {
        SaveFive();

        DeleteSnapshots(SnapshotSelectionCriteria.None);
        DeleteSnapshots(new SnapshotSelectionCriteria(long.MaxValue, Start));

        Assert.Equal([1L, 2, 3, 4, 5], StoredSequenceNrs());
    }

    [Fact]
    public virtual void SnapshotStore_must_delete_by_criteria_within_the_min_sequence_nr()
    {
        SaveFive();

        DeleteSnapshots(new SnapshotSelectionCriteria(4, DateTime.MaxValue, 2));
        DeleteSnapshots(new SnapshotSelectionCriteria(long.MaxValue, DateTime.MaxValue, 6));

        Assert.Equal([1L, 5], StoredSequenceNrs());
    }

    [Fact]
    public virtual void SnapshotStore_must_delete_by_criteria_within_the_min_timestamp()
    {
        SaveFive();

        DeleteSnapshots(new SnapshotSelectionCriteria(4, DateTime.MaxValue, 0, SavedAt(2)));
        DeleteSnapshots(new SnapshotSelectionCriteria(long.MaxValue, DateTime.MaxValue, 0, SavedAt(6)));

        Assert.Equal([1L, 5], StoredSequenceNrs());
    }

    private void DeleteSnapshot(SnapshotMetadata metadata)
    {
        var probe = CreateTestProbe();
        Store.Tell(new DeleteSnapshot(metadata), probe.Ref);
        Assert.Equal(metadata, probe.ExpectMsg<DeleteSnapshotSuccess>().Metadata);
    }

    protected void DeleteSnapshots(SnapshotSelectionCriteria criteria)
    {
        var probe = CreateTestProbe();
        Store.Tell(new DeleteSnapshots(_pid, criteria), probe.Ref);
        Assert.Equal(criteria, probe.ExpectMsg<DeleteSnapshotsSuccess>().Criteria);
    }

    /// <summary>The sequence nrs of <see cref="SaveFive"/>'s snapshots still stored, each looked up by a max sequence nr alone.</summary>
    protected IReadOnlyList<long> StoredSequenceNrs() =>
        [.. Enumerable.Range(1, 5).Where(n => Load(new SnapshotSelectionCriteria(n))?.Metadata.SequenceNr == n).Select(n => (long)n)];
}
