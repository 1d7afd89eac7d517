using Orchestrator.State;
using Xunit;

namespace Orchestrator.Control.Tests.State;

public sealed class JournalGateTests
{
    private static readonly StateDirectory State = new("/var/lib/orch");
    private static readonly JournalInspection Missing = new(JournalCondition.Empty, "it does not exist", 0);
    private static readonly JournalInspection Sound = new(JournalCondition.Readable, "a sound SQLite journal with 12 events", 12);
    private static readonly JournalInspection Broken = new(JournalCondition.Damaged, "SQLite says: file is not a database", 0);

    [Fact]
    public void Refusal_SoundJournal_None() => Assert.Null(JournalGate.Refusal(State, Sound, Sound, [41], acceptEmptyJournal: false));

    [Fact]
    public void Refusal_NothingEverJournaled_None() => Assert.Null(JournalGate.Refusal(State, Missing, null, [], acceptEmptyJournal: false));

    [Fact]
    public void Refusal_DamagedJournal_NamesTheFileTheCauseAndTheRestore()
    {
        var refusal = JournalGate.Refusal(State, Broken, Sound, [], acceptEmptyJournal: true);

        Assert.NotNull(refusal);
        Assert.Contains("journal /var/lib/orch/journal.db cannot be read (SQLite says: file is not a database)", refusal);
        Assert.Contains("`cp /var/lib/orch/journal.db.backup /var/lib/orch/journal.db`", refusal);
    }

    [Fact]
    public void Refusal_DamagedJournalWithoutBackup_SaysThereIsNone()
    {
        var refusal = JournalGate.Refusal(State, Broken, null, [], acceptEmptyJournal: false);

        Assert.Contains("there is no sound backup at /var/lib/orch/journal.db.backup", refusal);
    }

    [Fact]
    public void Refusal_MissingJournalWhileAppsRun_NamesTheirPidsAndTheFlag()
    {
        var refusal = JournalGate.Refusal(State, Missing, null, [41, 42], acceptEmptyJournal: false);

        Assert.Contains("pids 41, 42", refusal);
        Assert.Contains("--accept-empty-journal", refusal);
    }

    [Fact]
    public void Refusal_MissingJournalWithABackupHoldingEvents_AsksToRestoreIt()
    {
        var refusal = JournalGate.Refusal(State, Missing, Sound, [], acceptEmptyJournal: false);

        Assert.Contains("its backup holds 12 events", refusal);
    }

    [Fact]
    public void Refusal_MissingJournalAccepted_None() => Assert.Null(JournalGate.Refusal(State, Missing, Sound, [41], acceptEmptyJournal: true));
}
