using Orchestrator.Railway.Auth;

namespace Orchestrator.Cli.Railway;

/// <summary>
/// The user's Railway token as the CLI read it: the client's <see cref="RailwayToken"/>, and the value itself, which
/// the control service gets under the same variable. The value is never printed; <see cref="ToString"/> says so.
/// </summary>
internal sealed class RailwayApiToken
{
    private RailwayApiToken(RailwayToken token, string value)
    {
        Token = token;
        Value = value;
    }

    public RailwayToken Token { get; }

    /// <summary><c>RAILWAY_TOKEN</c> or <c>RAILWAY_API_TOKEN</c>, whichever the token came from.</summary>
    public string Variable => Token.Variable;

    public string Value { get; }

    /// <summary>As Railway's CLI reads them: <c>RAILWAY_TOKEN</c> wins when both are set.</summary>
    /// <exception cref="RailwayTokenMissingException">Neither is set.</exception>
    public static RailwayApiToken FromEnvironment()
    {
        var token = RailwayToken.FromEnvironment();
        return new RailwayApiToken(token, Environment.GetEnvironmentVariable(token.Variable)!.Trim());
    }

    /// <summary>A token whose value the caller read itself; <paramref name="value"/> must be the one <paramref name="token"/> holds.</summary>
    public static RailwayApiToken Of(RailwayToken token, string value) => new(token, value);

    public override string ToString() => Token.ToString();
}
