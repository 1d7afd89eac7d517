using System.Net.Http.Headers;

namespace Orchestrator.Railway.Auth;

/// <summary>
/// The token the client authenticates with. Its value is never part of <see cref="ToString"/>, a log line or an
/// exception message: only its kind and the variable it came from are.
/// </summary>
internal sealed class RailwayToken
{
    /// <summary>The variable of a project token; it wins when both are set, as in Railway's CLI.</summary>
    public const string ProjectTokenVariable = "RAILWAY_TOKEN";

    /// <summary>The variable of an account or workspace token.</summary>
    public const string AccountTokenVariable = "RAILWAY_API_TOKEN";

    public const string ProjectTokenHeader = "Project-Access-Token";

    private const string Redacted = "[redacted]";

    private readonly string _value;

    private RailwayToken(RailwayTokenKind kind, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Kind = kind;
        _value = value.Trim();
    }

    public RailwayTokenKind Kind { get; }

    /// <summary>The environment variable this kind of token is read from.</summary>
    public string Variable => VariableOf(Kind);

    public static RailwayToken Project(string value) => new(RailwayTokenKind.Project, value);

    public static RailwayToken Account(string value) => new(RailwayTokenKind.Account, value);

    /// <summary>
    /// Reads <c>RAILWAY_TOKEN</c>, then <c>RAILWAY_API_TOKEN</c>; an empty variable counts as unset.
    /// </summary>
    /// <exception cref="RailwayTokenMissingException">Neither variable is set.</exception>
    public static RailwayToken FromEnvironment(Func<string, string?>? readVariable = null)
    {
        readVariable ??= Environment.GetEnvironmentVariable;
        if (readVariable(ProjectTokenVariable) is { } project && !string.IsNullOrWhiteSpace(project))
            return Project(project);
        if (readVariable(AccountTokenVariable) is { } account && !string.IsNullOrWhiteSpace(account))
            return Account(account);
        throw new RailwayTokenMissingException();
    }

    public static string VariableOf(RailwayTokenKind kind) =>
        kind == RailwayTokenKind.Project ? ProjectTokenVariable : AccountTokenVariable;

    /// <summary>Puts the token in the header its kind belongs in; there is no team header.</summary>
    public void Authorize(HttpRequestHeaders headers)
    {
        if (Kind == RailwayTokenKind.Project)
            headers.Add(ProjectTokenHeader, _value);
        else
            headers.Authorization = new AuthenticationHeaderValue("Bearer", _value);
    }

    /// <summary>Replaces the token's value wherever it occurs in text that came back from Railway.</summary>
    public string Redact(string text) => text.Replace(_value, Redacted, StringComparison.Ordinal);

    public override string ToString() => $"{Kind} token from {Variable} ({Redacted})";
}
