using System.Collections.Immutable;
using Akka.Persistence;

namespace Orchestrator.Persistence.Query;

/// <summary>One journal event as stored: its untagged representation and the tags it was written with.</summary>
internal sealed record StoredEvent(IPersistentRepresentation Persistent, IImmutableSet<string> Tags);
