using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Railway;

/// <summary>Railway's SCREAMING_CASE names; an unknown name reads as <see cref="DeploymentStatus.Unknown"/> instead of throwing.</summary>
internal sealed class DeploymentStatusConverter : JsonConverter<DeploymentStatus>
{
    private static readonly FrozenDictionary<DeploymentStatus, string> Names = new Dictionary<DeploymentStatus, string>
    {
        [DeploymentStatus.Initializing] = "INITIALIZING",
        [DeploymentStatus.Queued] = "QUEUED",
        [DeploymentStatus.Waiting] = "WAITING",
        [DeploymentStatus.NeedsApproval] = "NEEDS_APPROVAL",
        [DeploymentStatus.Building] = "BUILDING",
        [DeploymentStatus.Deploying] = "DEPLOYING",
        [DeploymentStatus.Success] = "SUCCESS",
        [DeploymentStatus.Failed] = "FAILED",
        [DeploymentStatus.Crashed] = "CRASHED",
        [DeploymentStatus.Removing] = "REMOVING",
        [DeploymentStatus.Removed] = "REMOVED",
        [DeploymentStatus.Sleeping] = "SLEEPING",
        [DeploymentStatus.Skipped] = "SKIPPED",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, DeploymentStatus> ByName =
        Names.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    /// <summary>Railway's name of a known status.</summary>
    public static string NameOf(DeploymentStatus status) =>
        Names.TryGetValue(status, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(status), status, "Railway has no name for it");

    public static DeploymentStatus Parse(string? name) =>
        name is not null && ByName.TryGetValue(name, out var status) ? status : DeploymentStatus.Unknown;

    public override DeploymentStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? Parse(reader.GetString()) : DeploymentStatus.Unknown;

    public override void Write(Utf8JsonWriter writer, DeploymentStatus value, JsonSerializerOptions options) =>
        writer.WriteStringValue(NameOf(value));
}
