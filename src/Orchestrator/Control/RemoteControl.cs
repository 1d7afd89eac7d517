using System.Net;
using System.Text;

namespace Orchestrator.Control;

/// <summary>
/// <c>--control-listen</c>: the control API on a TCP address as well as its socket, for the CLI on another machine.
/// Every request there must carry <see cref="Token"/> as a bearer token; the socket stays guarded by its file mode.
/// </summary>
public sealed record RemoteControl(IPEndPoint Endpoint, string Token)
{
    /// <summary>Shorter tokens are refused: a guessable one would hand the daemon to anyone who can reach the port.</summary>
    public const int MinimumTokenLength = Defaults.ControlTokenMinimumLength;

    /// <summary>The token: <c>$ORCH_TOKEN</c>, else the first line of <paramref name="tokenFile"/>.</summary>
    /// <exception cref="ArgumentException">No token, a short one, or a token file others may read; the message says which.</exception>
    public static RemoteControl Create(IPEndPoint endpoint, string? tokenFile, string? tokenFromEnvironment)
    {
        var token = tokenFromEnvironment is { Length: > 0 } ? tokenFromEnvironment.Trim() : ReadTokenFile(tokenFile);
        if (token.Length < MinimumTokenLength)
        {
            throw new ArgumentException(
                $"the control token is {token.Length} characters long; --control-listen needs at least {MinimumTokenLength} (e.g. `openssl rand -hex 32`)");
        }

        return new RemoteControl(endpoint, token);
    }

    /// <summary>Never the token itself.</summary>
    public override string ToString() => $"http://{Endpoint}";

    /// <summary>Compares in constant time, so the answer's timing does not tell how much of a guess was right.</summary>
    public bool Accepts(string? presented) =>
        presented is not null
        && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(Token));

    private static string ReadTokenFile(string? tokenFile)
    {
        if (tokenFile is null)
        {
            throw new ArgumentException(
                $"--control-listen needs a token: set {Control.Client.ControlEndpoint.TokenEnvironmentVariable} or pass --token-file FILE (mode 600)");
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
