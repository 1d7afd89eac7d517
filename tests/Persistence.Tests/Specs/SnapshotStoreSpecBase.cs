using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.TestKit.Xunit2;
using Xunit;

namespace Orchestrator.Persistence.Tests.Specs;

/// <summary>Snapshot store behaviour through Akka's snapshot protocol, modelled on Akka's TCK SnapshotStoreSpec; one subclass per backend.</summary>
public abstract partial class SnapshotStoreSpecBase(Config backend) : TestKit(SpecConfig.On(backend))
{
    /// <summary>Snapshot n is saved at <c>Start + n minutes</c> plus n ticks, so sub-millisecond precision counts.</summary>
    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Unique per test so backends that share one database across a test class stay isolated.</summary>
    private readonly string _pid = $"s-{Guid.NewGuid():N}";

    private IActorRef Store => Akka.Persistence.Persistence.Instance.Apply(Sys).SnapshotStoreFor(null);

    [Fact]
    public void SnapshotStore_must_load_the_latest_snapshot_with_its_metadata_intact()
    {
        SaveFive();

        var loaded = Load(SnapshotSelectionCriteria.Latest);

        Assert.Equal(new SnapshotMetadata(_pid, 5, SavedAt(5)), loaded?.Metadata);
        Assert.Equal(SavedAt(5).Ticks, loaded?.Metadata.Timestamp.Ticks);
        Assert.Equal("s-5", loaded?.Snapshot);
    }

    [Fact]
    public void SnapshotStore_must_load_nothing_for_an_unknown_persistence_id()
    {
        Assert.Null(Load(SnapshotSelectionCriteria.Latest, persistenceId: $"unknown-{Guid.NewGuid():N}"));
    }

    [Fact]
    public void SnapshotStore_must_load_nothing_with_the_criteria_None()
    {
        SaveFive();

        Assert.Null(Load(SnapshotSelectionCriteria.None));
    }

    [Fact]
    public void SnapshotStore_must_load_the_latest_snapshot_at_or_below_a_max_sequence_nr()
    {
        SaveFive();

        Assert.Equal(3, Load(new SnapshotSelectionCriteria(3))?.Metadata.SequenceNr);
        Assert.Equal(3, Load(SnapshotSelectionCriteria.Latest, toSequenceNr: 3)?.Metadata.SequenceNr);
        Assert.Equal(2, Load(new SnapshotSelectionCriteria(3), toSequenceNr: 2)?.Metadata.SequenceNr);
        Assert.Null(Load(new SnapshotSelectionCriteria(0)));
    }

    [Fact]
    public void SnapshotStore_must_load_the_latest_snapshot_older_than_a_timestamp()
    {
        SaveFive();

        Assert.Equal(3, Load(new SnapshotSelectionCriteria(long.MaxValue, SavedAt(4).AddTicks(-1)))?.Metadata.SequenceNr);
        Assert.Equal(2, Load(new SnapshotSelectionCriteria(long.MaxValue, SavedAt(2)))?.Metadata.SequenceNr);
        Assert.Equal(2, Load(new SnapshotSelectionCriteria(4, SavedAt(2)))?.Metadata.SequenceNr);
        Assert.Null(Load(new SnapshotSelectionCriteria(long.MaxValue, Start)));
    }

    [Fact]
    public void SnapshotStore_must_replace_a_snapshot_saved_again_at_the_same_sequence_nr()
    {
        SaveFive();

        Save(5, "s-5-again", Start.AddMinutes(6));

        Assert.Equal("s-5-again", Load(SnapshotSelectionCriteria.Latest)?.Snapshot);
    }

    [Fact]
    public void SnapshotStore_must_save_and_load_a_big_snapshot_byte_for_byte()
    {
        var big = new byte[10_000];
        new Random(42).NextBytes(big);

        Save(1, big, Start);

        Assert.Equal(big, Load(SnapshotSelectionCriteria.Latest)?.Snapshot);
    }

    [Fact]
    public void SnapshotStore_must_load_a_snapshot_holding_an_actor_ref_that_still_reaches_the_actor()
    {
        var holder = CreateTestProbe();
        Save(1, new ActorRefPayload(holder.Ref), Start);

        var loaded = Assert.IsType<ActorRefPayload>(Load(SnapshotSelectionCriteria.Latest)?.Snapshot);

        Assert.Equal(holder.Ref, loaded.Ref);
        loaded.Ref.Tell("ping");
        holder.ExpectMsg("ping");
    }

    protected static DateTime SavedAt(int n) => Start.AddMinutes(n).AddTicks(n);

    protected void SaveFive()
    {
        for (var i = 1; i <= 5; i++)
        {
            Save(i, $"s-{i}", SavedAt(i));
        }
    }

    private void Save(long sequenceNr, object snapshot, DateTime timestamp)
    {
        var probe = CreateTestProbe();
        var metadata = new SnapshotMetadata(_pid, sequenceNr, timestamp);
        Store.Tell(new SaveSnapshot(metadata, snapshot), probe.Ref);
        Assert.Equal(metadata, probe.ExpectMsg<SaveSnapshotSuccess>().Metadata);
    }

    protected SelectedSnapshot? Load(SnapshotSelectionCriteria criteria, long toSequenceNr = long.MaxValue, string? persistenceId = null)
    {
        var probe = CreateTestProbe();
        Store.Tell(new LoadSnapshot(persistenceId ?? _pid, criteria, toSequenceNr), probe.Ref);
        var result = probe.ExpectMsg<LoadSnapshotResult>();
        Assert.Equal(toSequenceNr, result.ToSequenceNr);
        return result.Snapshot;
    }
}
