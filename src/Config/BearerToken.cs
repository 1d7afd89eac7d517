using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Config;

/// <summary>
/// The daemon's bearer token, the one secret of everything it serves over TCP (<c>--control-listen</c>,
/// <c>--feed-listen</c>) and of the router that reads its feed from afar (<c>--feed</c>): <c>$ORCH_TOKEN</c>, else the
/// first line of an owner-only token file. Its text never leaves this type but to the wire.
/// </summary>
internal sealed class BearerToken
{
    public const string EnvironmentVariable = "ORCH_TOKEN";

    /// <summary>Shorter tokens are refused: a guessable one would hand the daemon to anyone who can reach the port.</summary>
    public const int MinimumLength = Defaults.ControlTokenMinimumLength;

    private BearerToken(string value) => Value = value;

    /// <summary>The secret itself, for the wire only.</summary>
    public string Value { get; }

    /// <summary>The token <paramref name="option"/> needs: <paramref name="fromEnvironment"/>, else the first line of <paramref name="tokenFile"/>.</summary>
    /// <exception cref="ArgumentException">No token, a short one, or a token file others may read; the message says which and how to fix it.</exception>
    public static BearerToken Read(string option, string? tokenFile, string? fromEnvironment)
    {
        var token = fromEnvironment is { Length: > 0 } ? fromEnvironment.Trim() : ReadFile(option, tokenFile);
        if (token.Length < MinimumLength)
        {
            throw new ArgumentException(
                $"the control token is {token.Length} characters long; {option} needs at least {MinimumLength} (e.g. `openssl rand -hex 32`)");
        }

        return new BearerToken(token);
    }

    /// <summary>Compares in constant time, so the answer's timing does not tell how much of a guess was right.</summary>
    public bool Accepts(string? presented) => Matches(presented, Value);

    /// <summary>The constant-time comparison of <see cref="Accepts"/>, for a token kept as text.</summary>
    public static bool Matches(string? presented, string token) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(token));

    /// <summary>Never the token itself.</summary>
    public override string ToString() => "(bearer token)";

    private static string ReadFile(string option, string? tokenFile)
    {
        if (tokenFile is null)
        {
            throw new ArgumentException($"{option} needs a token: set {EnvironmentVariable} or pass --token-file FILE (mode 600)");
        }

        if (!File.Exists(tokenFile))
        {
            throw new ArgumentException($"the token file {tokenFile} does not exist");
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(tokenFile) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0)
        {
            throw new ArgumentException($"the token file {tokenFile} can be read by others; make it owner-only: chmod 600 {tokenFile}");
        }

        return File.ReadLines(tokenFile).FirstOrDefault()?.Trim() ?? "";
    }
}
