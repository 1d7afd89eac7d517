namespace Orchestrator.Control.Client;

/// <summary>Where the control API answers: the daemon's unix socket, or a daemon's TCP listener reached with its token.</summary>
internal abstract record ControlEndpoint
{
    /// <summary>The environment variable that carries the bearer token for a daemon reached over TCP.</summary>
    public const string TokenEnvironmentVariable = "ORCH_TOKEN";

    /// <summary>
    /// <c>http://HOST:PORT</c> or <c>https://HOST[:PORT]</c> is a remote daemon, whose token comes from
    /// <paramref name="token"/>; anything else is the path of a unix socket.
    /// </summary>
    /// <exception cref="FormatException">An http(s) address that is not a plain <c>scheme://host[:port][/path]</c>.</exception>
    public static ControlEndpoint Parse(string value, string? token)
    {
        if (!value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !value.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return new UnixSocket(Path.GetFullPath(value));
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var address) || address.UserInfo.Length > 0 || address.Query.Length > 0 || address.Fragment.Length > 0)
        {
            throw new FormatException($"--control {value} is not an address like http://HOST:PORT or https://HOST; pass the token in ${TokenEnvironmentVariable}, not in the address");
        }

        return new Remote(address, token is { Length: > 0 } ? token : null);
    }

    /// <summary>The daemon on this machine, through its socket file; the file's mode decides who may connect.</summary>
    public sealed record UnixSocket(string Path) : ControlEndpoint
    {
        public override string ToString() => Path;
    }

    /// <summary>A daemon's <c>--control-listen</c> address; every request carries <see cref="Token"/> as a bearer token.</summary>
    public sealed record Remote(Uri Address, string? Token) : ControlEndpoint
    {
        public bool UsesTls => Address.Scheme == Uri.UriSchemeHttps;

        /// <summary>The path the control API's routes hang under (a daemon behind a path-routing proxy).</summary>
        public string BasePath => Address.AbsolutePath.TrimEnd('/');

        /// <summary>The address without its path, for messages; the token never appears in it.</summary>
        public override string ToString() => Address.GetLeftPart(UriPartial.Authority);
    }
}
