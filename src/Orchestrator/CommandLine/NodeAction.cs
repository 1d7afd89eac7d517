using System.CommandLine;
using Orchestrator.Control;
using Orchestrator.Control.Client;
using Orchestrator.Hosting.Tls;

namespace Orchestrator.CommandLine;

/// <summary>Runs a node verb's body and turns the failures a user can act on into a message on stderr and exit 1.</summary>
internal static class NodeAction
{
    public static Func<ParseResult, CancellationToken, Task<int>> Run(Func<NodeConsole, ParseResult, CancellationToken, Task<int>> body) =>
        async (parseResult, cancellationToken) =>
        {
            var console = NodeConsole.From(parseResult);
            try
            {
                return await body(console, parseResult, cancellationToken);
            }
            catch (ControlApiException ex)
            {
                console.Error(ex.Error.Error, ex.Error.Hint);
            }
            catch (Exception ex) when (ex is DaemonNotRunningException or DaemonAlreadyRunningException or UnauthorizedAccessException
                or ClusterCertificateException or FileNotFoundException)
            {
                console.Error(ex.Message);
            }
            catch (NodeFailureException ex)
            {
                console.Error(ex.Message, ex.Hint);
            }

            return NodeCommandLine.Failure;
        };
}

/// <summary>A failure of a node verb with what to do about it.</summary>
internal sealed class NodeFailureException(string message, string? hint = null) : Exception(message)
{
    public string? Hint { get; } = hint;
}
