using System.Collections.Immutable;

namespace Orchestrator.Routing;

/// <summary>
/// One router process as it reports itself: its cluster node, pid and start, the listen addresses it serves, the table
/// version it serves per app, and why a table it could not serve was refused (e.g. its listen address is taken).
/// <paramref name="Draining"/> is true once it stopped accepting (a hand-over to a newer router).
/// </summary>
public sealed record RouterStatus(
    string Node,
    int Pid,
    DateTimeOffset StartedAt,
    ImmutableArray<string> Listen,
    ImmutableDictionary<string, long> Versions,
    ImmutableDictionary<string, string> Problems,
    bool Draining)
{
    public ImmutableArray<string> Listen { get; init; } = Listen.IsDefault ? [] : Listen;

    public ImmutableDictionary<string, long> Versions { get; init; } = Versions ?? ImmutableDictionary<string, long>.Empty;

    public ImmutableDictionary<string, string> Problems { get; init; } = Problems ?? ImmutableDictionary<string, string>.Empty;
}
