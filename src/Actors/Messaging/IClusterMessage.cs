namespace Orchestrator.Actors.Messaging;

/// <summary>
/// A message that may travel between nodes (to a sharded entity elsewhere, to a router replica, or as a reply).
/// Bound in HOCON to <see cref="ClusterMessageSerializer"/>; each needs a manifest in <see cref="ClusterMessageManifests"/>.
/// </summary>
public interface IClusterMessage;
