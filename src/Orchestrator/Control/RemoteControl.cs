using System.Net;
using Orchestrator.Config;

namespace Orchestrator.Control;

/// <summary>
/// <c>--control-listen</c>: the control API on a TCP address as well as its socket, for the CLI on another machine.
/// Every request there must carry <see cref="Token"/> as a bearer token; the socket stays guarded by its file mode.
/// </summary>
public sealed record RemoteControl(IPEndPoint Endpoint, string Token)
{
    /// <summary>Shorter tokens are refused: a guessable one would hand the daemon to anyone who can reach the port.</summary>
    public const int MinimumTokenLength = BearerToken.MinimumLength;

    /// <summary>The token: <c>$ORCH_TOKEN</c>, else the first line of <paramref name="tokenFile"/> (<see cref="BearerToken.Read"/>).</summary>
    /// <exception cref="ArgumentException">No token, a short one, or a token file others may read; the message says which.</exception>
    public static RemoteControl Create(IPEndPoint endpoint, string? tokenFile, string? tokenFromEnvironment) =>
        new(endpoint, BearerToken.Read("--control-listen", tokenFile, tokenFromEnvironment).Value);

    /// <summary>Never the token itself.</summary>
    public override string ToString() => $"http://{Endpoint}";

    /// <summary>Compares in constant time, so the answer's timing does not tell how much of a guess was right.</summary>
    public bool Accepts(string? presented) => BearerToken.Matches(presented, Token);
}
