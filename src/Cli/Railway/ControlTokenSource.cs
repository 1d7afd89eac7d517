using System.Buffers.Text;
using System.Security.Cryptography;
using Orchestrator.Control.Client;

namespace Orchestrator.Cli.Railway;

/// <summary>Where a token came from: the user's <c>$ORCH_TOKEN</c>, the token file, the running control service, or newly generated.</summary>
internal enum ControlTokenOrigin
{
    Environment,
    File,
    Service,
    Generated,
}

/// <summary>The bearer token of the control service's API (<c>ORCH_TOKEN</c>). Its value is never printed.</summary>
internal sealed record ControlToken(string Value, ControlTokenOrigin Origin)
{
    public override string ToString() => $"control token ({Origin}, [redacted])";
}

/// <summary>
/// Resolves the control token: <c>$ORCH_TOKEN</c> of the CLI's environment, else the token file when it exists; a
/// new one is generated (32 random bytes, base64url) and written to the token file, mode 600.
/// </summary>
internal sealed class ControlTokenSource
{
    private const int GeneratedBytes = 32;

    private readonly string? _fromEnvironment;

    private ControlTokenSource(string file, string? fromEnvironment)
    {
        File = file;
        _fromEnvironment = fromEnvironment;
    }

    /// <summary>The token file: <c>--token-file</c>, else <see cref="Defaults.RailwayControlTokenFile"/> next to the config.</summary>
    public string File { get; }

    private static string Variable => ControlEndpoint.TokenEnvironmentVariable;

    public static ControlTokenSource For(string configPath, string? tokenFile) => new(
        Path.GetFullPath(tokenFile ?? Path.Combine(Path.GetDirectoryName(configPath)!, Defaults.RailwayControlTokenFile)),
        Environment.GetEnvironmentVariable(Variable));

    /// <summary>The token the user gave: <c>$ORCH_TOKEN</c>, else the token file's first line; null when there is neither.</summary>
    public ControlToken? Given()
    {
        if (_fromEnvironment is { Length: > 0 } fromEnvironment)
        {
            return Checked(fromEnvironment.Trim(), ControlTokenOrigin.Environment, $"${Variable}", $"set {Variable} to a longer one (`openssl rand -hex 32`), or unset it to have one generated");
        }

        if (!System.IO.File.Exists(File))
        {
            return null;
        }

        var line = System.IO.File.ReadLines(File).FirstOrDefault()?.Trim() ?? "";
        return Checked(line, ControlTokenOrigin.File, $"the token file {File}", "delete it to have a new one generated, or write a longer token in it");
    }

    /// <summary>A new random token, written to <see cref="File"/> (its directory created 700, the file 600).</summary>
    public ControlToken Generate()
    {
        var token = new ControlToken(Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(GeneratedBytes)), ControlTokenOrigin.Generated);
        var directory = Path.GetDirectoryName(File)!;
        if (!Directory.Exists(directory))
        {
            OwnerOnly.CreateDirectory(directory);
        }

        // 600 before the token is in it.
        OwnerOnly.CreateFile(File);
        System.IO.File.WriteAllText(File, token.Value + "\n");
        return token;
    }

    private static ControlToken Checked(string value, ControlTokenOrigin origin, string where, string fix)
    {
        if (value.Length < Defaults.ControlTokenMinimumLength)
        {
            throw new CliFailureException(
                $"the control token in {where} is {value.Length} characters long; the control service needs at least {Defaults.ControlTokenMinimumLength}",
                fix);
        }

        return new ControlToken(value, origin);
    }
}
