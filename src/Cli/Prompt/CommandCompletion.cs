using System.CommandLine;

namespace Orchestrator.Cli.Prompt;

/// <summary>Tab completion at the console, from System.CommandLine's own completion of the <c>orch</c> command tree.</summary>
internal sealed class CommandCompletion(Command root, IReadOnlyList<string> consoleWords)
{
    /// <summary>Where the word under the cursor starts, and the words that may replace it (sorted, no duplicates).</summary>
    public (int Start, IReadOnlyList<string> Candidates) Complete(string textBeforeCursor)
    {
        var start = textBeforeCursor.LastIndexOf(' ') + 1;
        var word = textBeforeCursor[start..];
        var candidates = root.Parse(textBeforeCursor).GetCompletions(textBeforeCursor.Length).Select(c => c.InsertText ?? c.Label);
        if (string.IsNullOrWhiteSpace(textBeforeCursor[..start]))
        {
            candidates = candidates.Concat(consoleWords);
        }

        return (start, [.. candidates
            .Where(c => c.StartsWith(word, StringComparison.Ordinal) && !IsHelpAlias(c))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)]);
    }

    /// <summary>System.CommandLine's DOS-style and short spellings of --help, noise in a list of what to type next.</summary>
    private static bool IsHelpAlias(string candidate) => candidate is "-?" or "-h" or "/?" or "/h";

    /// <summary>The longest start all candidates share.</summary>
    public static string CommonPrefix(IReadOnlyList<string> candidates)
    {
        if (candidates.Count == 0)
        {
            return "";
        }

        var prefix = candidates[0];
        foreach (var candidate in candidates.Skip(1))
        {
            var length = 0;
            while (length < prefix.Length && length < candidate.Length && prefix[length] == candidate[length])
            {
                length++;
            }

            prefix = prefix[..length];
        }

        return prefix;
    }
}
