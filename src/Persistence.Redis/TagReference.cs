using System.Globalization;

namespace Orchestrator.Persistence.Redis;

/// <summary>The member a tag list holds for one tagged event: "{sequenceNr}:{persistenceId}".</summary>
internal sealed record TagReference(string PersistenceId, long SequenceNr)
{
    public override string ToString() => $"{SequenceNr.ToString(CultureInfo.InvariantCulture)}:{PersistenceId}";

    /// <summary>Splits at the first colon: sequence nrs have none, persistence ids may.</summary>
    public static TagReference Parse(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && long.TryParse(value.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var sequenceNr)
            ? new TagReference(value[(colon + 1)..], sequenceNr)
            : throw new FormatException($"'{value}' is not a tag reference (sequenceNr:persistenceId)");
    }
}
