namespace Orchestrator.Control;

/// <summary>
/// Returns the daemon's garbage to the OS once it goes quiet: one compacting full collection
/// <see cref="Defaults.IdleCollectDelay"/> after the last control request started or ended (and after start-up).
/// A deploy leaves tens of MB of garbage in a generation 0 whose budget follows the CPU cache (hundreds of MB here), and
/// an idle daemon allocates too little to ever collect it; the pause (milliseconds) falls where nobody waits.
/// </summary>
internal sealed class IdleCollector : IDisposable
{
    private readonly TimeSpan _delay;
    private readonly Timer _timer;

    public IdleCollector(TimeSpan delay)
    {
        _delay = delay;
        _timer = new Timer(_ => Collect(), null, delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Something happened: the collection moves to a quiet moment after it.</summary>
    public void Touch() => _timer.Change(_delay, Timeout.InfiniteTimeSpan);

    public void Dispose() => _timer.Dispose();

    private static void Collect() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
}
