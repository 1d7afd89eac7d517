namespace Orchestrator.Router.Feed;

/// <summary>What a router process says about itself in <c>status</c>: its pid, its start, and whether it is handing over.</summary>
internal sealed class RouterProcessInfo(int pid, DateTimeOffset startedAt)
{
    private volatile bool _draining;

    public int Pid { get; } = pid;

    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>True once it stopped accepting: a newer router serves its listeners, and it only lets its connections end.</summary>
    public bool Draining
    {
        get => _draining;
        set => _draining = value;
    }
}
