
namespace Orchestrator.Config;

/// <summary>Parses a <c>quiet</c> or <c>drain_check</c> value into a <see cref="DrainHook"/>, or says what is wrong.</summary>
internal static class DrainHookSyntax
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "HEAD", "PATCH"];

    /// <param name="signals">Whether <c>signal:</c> is allowed (it is for <c>quiet</c>; a signal cannot answer whether a process is idle).</param>
    public static (DrainHook? Hook, string? Problem) Parse(string text, bool signals)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? text : text[..colon];
        var rest = colon < 0 ? "" : text[(colon + 1)..].Trim();
        var kinds = signals ? "signal:, http: or exec:" : "http: or exec:";
        switch (kind)
        {
            case "signal" when signals:
                return SignalNames.TryParseHandleable(rest, out var number)
                    ? (new SignalHook(number, SignalNames.Name(number)), null)
                    : (null, $"'{text}': unknown signal '{rest}' (SIGKILL and SIGSTOP cannot be handled); use e.g. signal:USR1");
            case "signal":
                return (null, $"'{text}': a signal cannot answer whether the process is idle; use http:GET /busy or exec:CMD");
            case "http":
                return ParseHttp(text, rest);
            case "exec" when string.IsNullOrWhiteSpace(rest):
                return (null, $"'{text}': exec: needs a command after the colon");
            case "exec":
                return (new ExecHook(rest), null);
            default:
                return (null, $"'{text}' must start with {kinds}");
        }
    }

    private static (DrainHook? Hook, string? Problem) ParseHttp(string text, string rest)
    {
        var parts = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !Methods.Contains(parts[0]) || !parts[1].StartsWith('/'))
        {
            return (null, $"'{text}': write http:METHOD /path with an upper-case method ({string.Join(", ", Methods)}) and a path starting with '/'");
        }

        return (new HttpHook(parts[0], parts[1]), null);
    }
}
