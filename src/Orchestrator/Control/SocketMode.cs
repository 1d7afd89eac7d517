namespace Orchestrator.Control;

/// <summary>Parses a unix file mode written in octal (<c>660</c>, <c>0660</c>).</summary>
internal static class SocketMode
{
    /// <summary>The socket's mode without <c>--socket-mode</c>: only the daemon's user may connect.</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static UnixFileMode Parse(string octal) =>
        TryParse(octal, out var mode)
            ? mode
            : throw new ArgumentException($"socket mode '{octal}' is not an octal file mode; use e.g. 660 or 600", nameof(octal));

    public static bool TryParse(string octal, out UnixFileMode mode)
    {
        var digits = octal.Trim();
        if (digits.Length is 0 or > 4 || !digits.All(c => c is >= '0' and <= '7'))
        {
            mode = default;
            return false;
        }

        mode = (UnixFileMode)Convert.ToInt32(digits, 8);
        return true;
    }
}
