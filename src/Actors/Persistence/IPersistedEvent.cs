namespace Orchestrator.Actors.Persistence;

/// <summary>
/// Marker of every event and snapshot written to the journal. Bound in HOCON to <see cref="EventSerializer"/>,
/// so each one is stored under an explicit, versioned manifest instead of a CLR type name.
/// </summary>
public interface IPersistedEvent;
