namespace Orchestrator.Railway.Fake;

/// <summary>Faults queued for the next calls, in order.</summary>
internal sealed class FakeFaults
{
    private readonly Lock _lock = new();
    private readonly Queue<FakeFault> _queue = new();
    private readonly List<(string OperationName, FakeFault Fault)> _byOperation = [];
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

    /// <summary>The next call of <paramref name="operationName"/> gets <paramref name="fault"/>, whatever comes before it.</summary>
    public void NextOf(string operationName, FakeFault fault)
    {
        lock (_lock)
            _byOperation.Add((operationName, fault));
    }

    /// <summary>Every call from now on gets <paramref name="fault"/>.</summary>
    public void Always(FakeFault fault)
    {
        lock (_lock)
            _always = fault;
    }

    /// <param name="operationName">The call's operation, as its request names it.</param>
    public FakeFault? Take(string? operationName)
    {
        lock (_lock)
        {
            var index = _byOperation.FindIndex(entry => entry.OperationName == operationName);
            if (index >= 0)
            {
                var fault = _byOperation[index].Fault;
                _byOperation.RemoveAt(index);
                return fault;
            }

            return _queue.TryDequeue(out var next) ? next : _always;
        }
    }
}
