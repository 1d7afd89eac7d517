using System.Text.RegularExpressions;

namespace Orchestrator.Config;

/// <summary>
/// The one rule for every id that becomes an actor name, a file or directory name or a Redis key: deployment ids,
/// and the app, process and deployment names a request refers to. App names and process ids are stricter still
/// (<see cref="Identifier"/>), and every one of them also passes this rule.
/// </summary>
/// <remarks>
/// ASCII only, no '/', no leading '.', so an id is one path segment and never <c>.</c> or <c>..</c>; long enough for the
/// default <c>&lt;app&gt;-&lt;yyMMdd-HHmmss&gt;-&lt;n&gt;</c> of the longest app name.
/// </remarks>
internal static partial class SafeId
{
    public const int MaxLength = 100;

    public const string Rule = "ASCII letters, digits, '-', '_' and '.', not starting with '.', 1 to 100 characters";

    public static bool IsValid(string? text) => text is not null && Pattern().IsMatch(text);

    /// <summary>Why <paramref name="text"/> is not a valid <paramref name="what"/>, or null when it is.</summary>
    public static string? Problem(string what, string text) =>
        IsValid(text) ? null : $"{what} '{Printable(text)}' is not valid: use {Rule}";

    /// <summary>Control characters and very long ids would make the message itself unreadable.</summary>
    private static string Printable(string text)
    {
        var shown = text.Length > MaxLength ? text[..MaxLength] + "…" : text;
        return string.Concat(shown.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex Pattern();
}
