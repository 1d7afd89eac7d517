namespace Orchestrator.Railway.Fake;

/// <summary>Faults queued for the next calls, in order.</summary>
internal sealed class FakeFaults
{
    private readonly Lock _lock = new();
    private readonly Queue<FakeFault> _queue = new();
    private FakeFault? _always;

    /// <summary>The next <paramref name="calls"/> calls get <paramref name="fault"/>.</summary>
    public void Next(int calls, FakeFault fault)
    {
        lock (_lock)
        {
            for (var i = 0; i < calls; i++)
                _queue.Enqueue(fault);
        }
    }

    /// <summary>Every call from now on gets <paramref name="fault"/>.</summary>
    public void Always(FakeFault fault)
    {
        lock (_lock)
            _always = fault;
    }

    public FakeFault? Take()
    {
        lock (_lock)
            return _queue.TryDequeue(out var fault) ? fault : _always;
    }
}
