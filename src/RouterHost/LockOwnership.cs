using Orchestrator.State;

namespace Orchestrator.RouterHost;

/// <summary>The router's lock on its state directory: held from the start, or taken once the router it replaces has exited.</summary>
internal sealed class LockOwnership(StateLock? held) : IDisposable
{
    private StateLock? _held = held;

    public bool Held => Volatile.Read(ref _held) is not null;

    public void Take(StateLock held) => Volatile.Write(ref _held, held);

    public void Dispose() => Interlocked.Exchange(ref _held, null)?.Dispose();
}
