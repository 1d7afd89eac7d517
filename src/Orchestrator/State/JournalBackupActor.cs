using Akka.Actor;
using Akka.Event;

namespace Orchestrator.State;

/// <summary>
/// Backs the SQLite journal up after snapshots: the first snapshot arms a short timer, snapshots meanwhile join
/// that backup, and one that arrives while a backup runs gets one more after it, so bursts cost one or two copies.
/// </summary>
internal sealed class JournalBackupActor : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly StateDirectory _state;
    private readonly TimeSpan _delay;
    private bool _running;
    private bool _again;

    public JournalBackupActor(StateDirectory state, TimeSpan delay)
    {
        _state = state;
        _delay = delay;
        Receive<JournalSnapshotSaved>(_ => HandleSnapshotSaved());
        Receive<JournalBackupDue>(_ => HandleDue());
        Receive<JournalBackupDone>(HandleDone);
    }

    private enum TimerKey
    {
        Backup,
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(StateDirectory state, TimeSpan delay) => Akka.Actor.Props.Create(() => new JournalBackupActor(state, delay));

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(JournalSnapshotSaved));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void HandleSnapshotSaved()
    {
        if (_running)
        {
            _again = true;
        }
        else if (!Timers.IsTimerActive(TimerKey.Backup))
        {
            Timers.StartSingleTimer(TimerKey.Backup, JournalBackupDue.Instance, _delay);
        }
    }

    private void HandleDue()
    {
        _running = true;
        var journal = _state.JournalPath;
        var backup = _state.BackupPath;
        Task.Run(() => JournalBackup.Take(journal, backup)).PipeTo(Self,
            success: copy => new JournalBackupDone(copy, null),
            failure: e => new JournalBackupDone(null, e.GetBaseException().Message));
    }

    private void HandleDone(JournalBackupDone done)
    {
        _running = false;
        if (done.Error is { } error)
        {
            _log.Warning("journal backup failed: {0}", error);
        }
        else
        {
            _log.Debug("journal backed up to {0}: {1}", _state.BackupPath, done.Copy?.Detail);
        }

        if (_again)
        {
            _again = false;
            Timers.StartSingleTimer(TimerKey.Backup, JournalBackupDue.Instance, _delay);
        }
    }
}
