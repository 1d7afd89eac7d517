using System.Text.Json.Serialization;

namespace Orchestrator.Railway;

/// <summary>Railway's 13 deployment statuses, and <see cref="Unknown"/> for one this client does not know yet.</summary>
[JsonConverter(typeof(DeploymentStatusConverter))]
internal enum DeploymentStatus
{
    /// <summary>A value Railway added after this client was written; callers must give it an outcome too.</summary>
    Unknown,
    Initializing,
    Queued,
    Waiting,
    NeedsApproval,
    Building,
    Deploying,
    Success,
    Failed,
    Crashed,
    Removing,
    Removed,
    Sleeping,
    Skipped,
}
