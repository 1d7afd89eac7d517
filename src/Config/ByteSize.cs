using System.Globalization;

namespace Orchestrator.Config;

/// <summary>
/// Memory sizes as <c>orch.toml</c> writes them: <c>800KB</c>, <c>512MB</c>, <c>1.5GB</c>, <c>1024B</c>. Units are powers of
/// 1024 (KB = 1024 bytes, as <c>ps</c>, <c>top</c> and <c>/proc</c> count memory); <c>KiB</c>, <c>MiB</c>, <c>GiB</c> mean the same.
/// </summary>
public static class ByteSize
{
    private static readonly (string Unit, long Bytes)[] Units =
    [
        ("B", 1),
        ("KB", 1L << 10), ("KIB", 1L << 10), ("K", 1L << 10),
        ("MB", 1L << 20), ("MIB", 1L << 20), ("M", 1L << 20),
        ("GB", 1L << 30), ("GIB", 1L << 30), ("G", 1L << 30),
        ("TB", 1L << 40), ("TIB", 1L << 40), ("T", 1L << 40),
    ];

    /// <summary>Parses a number (decimals allowed) followed by a unit, case-insensitive; a bare number or a sign is refused.</summary>
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        var trimmed = text?.Trim() ?? "";
        var unitStart = 0;
        while (unitStart < trimmed.Length && (char.IsAsciiDigit(trimmed[unitStart]) || trimmed[unitStart] == '.'))
        {
            unitStart++;
        }

        var unit = trimmed[unitStart..].Trim().ToUpperInvariant();
        var match = Array.Find(Units, u => u.Unit == unit);
        if (unitStart == 0 || match.Unit is null
            || !decimal.TryParse(trimmed.AsSpan(0, unitStart), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            || number > long.MaxValue / match.Bytes)
        {
            return false;
        }

        bytes = (long)Math.Round(number * match.Bytes);
        return true;
    }

    /// <summary>A short readable form: <c>512 MB</c>, <c>1.5 GB</c>, <c>800 KB</c>, <c>12 B</c>.</summary>
    public static string Format(long bytes)
    {
        var (unit, size) = bytes switch
        {
            >= 1L << 30 => ("GB", 1L << 30),
            >= 1L << 20 => ("MB", 1L << 20),
            >= 1L << 10 => ("KB", 1L << 10),
            _ => ("B", 1L),
        };
        return $"{Math.Round((double)bytes / size, 1).ToString(CultureInfo.InvariantCulture)} {unit}";
    }
}
