namespace Orchestrator.Railway.Fake;

/// <summary>
/// The local command a mapped source runs in place of a container. <c>{host}</c> and <c>{port}</c> in its arguments
/// become the deployment's private address and port; the same values are in its <c>HOST</c> and <c>PORT</c> variables.
/// </summary>
internal sealed record FakeCommand(string FileName, IReadOnlyList<string> Arguments)
{
    public const string HostPlaceholder = "{host}";
    public const string PortPlaceholder = "{port}";

    private const string ShellPath = "/bin/sh";

    /// <summary>A command line run by <c>/bin/sh -c</c>, so it may use <c>$PORT</c> and the other variables too.</summary>
    public static FakeCommand Shell(string commandLine) => new(ShellPath, ["-c", commandLine]);

    /// <summary>This command with the placeholders of its arguments filled in.</summary>
    public FakeCommand For(string host, int port) => this with
    {
        Arguments = [.. Arguments.Select(argument => argument
            .Replace(HostPlaceholder, host, StringComparison.Ordinal)
            .Replace(PortPlaceholder, port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))],
    };
}
