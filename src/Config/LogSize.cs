namespace Orchestrator.Config;

/// <summary>
/// The size at which a log rotates, as <c>[logs] max_size</c> and <c>ORCH_LOG_MAX_SIZE</c> write it: a number and a unit,
/// <c>B</c>, <c>KB</c>, <c>MB</c> or <c>GB</c> (powers of 1024, as <see cref="ByteSize"/> reads them), at least 1KB.
/// </summary>
public static class LogSize
{
    /// <summary>What is wrong with <paramref name="text"/> as a log size, or null when it is one.</summary>
    public static string? Problem(string text)
    {
        if (!ByteSize.TryParse(text, out var bytes))
        {
            return $"'{text}' is not a size; write a number with a unit: B, KB, MB or GB (powers of 1024, e.g. \"50MB\", \"512KB\")";
        }

        return bytes < Defaults.LogMinMaxSize
            ? $"'{text}' is too small: a log rotates at {ByteSize.Format(Defaults.LogMinMaxSize)} or more (e.g. \"50MB\")"
            : null;
    }

    /// <summary>The bytes of a size <see cref="Problem"/> accepted.</summary>
    public static long Parse(string text) =>
        ByteSize.TryParse(text, out var bytes) && bytes >= Defaults.LogMinMaxSize
            ? bytes
            : throw new FormatException(Problem(text));
}
