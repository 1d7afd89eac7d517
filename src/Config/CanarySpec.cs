using System.Globalization;

namespace Orchestrator.Config;

/// <summary>
/// What <c>orch deploy --canary</c> asks for: <see cref="Percent"/> of the clients (<c>20%</c>, 1-99), or only the
/// requests carrying the cookie <see cref="CookieName"/> with <see cref="CookieValue"/> (<c>cookie:beta=1</c>).
/// One grammar, read by the CLI (a usage error) and by the daemon (a refused request).
/// </summary>
public sealed record CanarySpec(int Percent, string? CookieName, string? CookieValue)
{
    public const string CookiePrefix = "cookie:";

    public const string Example = "--canary 10% or --canary cookie:beta=1";

    /// <summary>The spec, or null with <paramref name="error"/> saying what is wrong and how to write it.</summary>
    public static CanarySpec? Parse(string text, out string? error)
    {
        error = null;
        if (text.StartsWith(CookiePrefix, StringComparison.Ordinal))
        {
            return ParseCookie(text[CookiePrefix.Length..], out error);
        }

        if (text.EndsWith('%')
            && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
        {
            if (percent is >= 1 and <= 99)
            {
                return new CanarySpec(percent, null, null);
            }

            error = $"--canary {text}: a canary takes 1% to 99% of the clients; " +
                (percent == 0 ? "0% sends it nothing (deploy without --canary later)" : "for all of them deploy without --canary");
            return null;
        }

        error = $"--canary '{text}' is neither a percentage nor a cookie rule; write {Example}";
        return null;
    }

    private static CanarySpec? ParseCookie(string rule, out string? error)
    {
        error = null;
        var equals = rule.IndexOf('=');
        var name = equals < 0 ? rule : rule[..equals];
        var value = equals < 0 ? "" : rule[(equals + 1)..];
        if (equals < 0 || name.Length == 0 || value.Length == 0)
        {
            error = $"--canary cookie:{rule}: name the cookie and its value, as in --canary cookie:beta=1";
            return null;
        }

        if (!name.All(IsTokenChar))
        {
            error = $"--canary cookie:{rule}: '{name}' is not a cookie name (letters, digits and !#$%&'*+-.^_`|~ only)";
            return null;
        }

        if (!value.All(IsCookieValueChar))
        {
            error = $"--canary cookie:{rule}: '{value}' is not a cookie value (no spaces, quotes, commas, semicolons or backslashes)";
            return null;
        }

        return new CanarySpec(0, name, value);
    }

    // RFC 6265 (token of RFC 2616 for the name, cookie-octet for the value).
    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c);

    private static bool IsCookieValueChar(char c) => c is > ' ' and < (char)0x7f and not ('"' or ',' or ';' or '\\');

    public bool ByCookie => CookieName is not null;

    /// <summary>The rule as people read it: <c>20%</c> or <c>cookie:beta=1</c>.</summary>
    public override string ToString() => ByCookie ? $"{CookiePrefix}{CookieName}={CookieValue}" : $"{Percent}%";
}
