namespace Orchestrator.Cli.Output;

/// <summary><c>── title ─────…</c>: the heading of one app (or of the cluster) above its tables.</summary>
internal static class TextRule
{
    /// <summary>Rules stop at this width on a wide terminal, and are this wide in a pipe or a file.</summary>
    public const int MaxWidth = 120;

    public static string Of(string title, int width)
    {
        var head = $"── {title} ";
        return head.Length >= width ? head.TrimEnd() : head + new string('─', width - head.Length);
    }
}
