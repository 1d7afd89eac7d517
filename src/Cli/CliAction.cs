using System.CommandLine;
using Orchestrator.Cli.Daemon;
using Orchestrator.Control.Client;
using Orchestrator.Control.Client.Http;

namespace Orchestrator.Cli;

/// <summary>Runs a verb's body and turns the failures a user can act on into a message on stderr and exit 1.</summary>
internal static class CliAction
{
    public static Func<ParseResult, CancellationToken, Task<int>> Run(Func<CliContext, ParseResult, CancellationToken, Task<int>> body) =>
        async (parseResult, cancellationToken) =>
        {
            CliContext cli;
            try
            {
                cli = CliContext.From(parseResult);
            }
            catch (FormatException ex)
            {
                // $ORCH_CONTROL holds an address the client cannot use (--control itself is checked while parsing).
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"orch: {ex.Message}");
                return OrchCli.UsageError;
            }

            try
            {
                return await body(cli, parseResult, cancellationToken);
            }
            catch (ControlApiException ex)
            {
                cli.Output.Error(ex.Error.Error, ex.Error.Hint, ex.Error.Details);
            }
            catch (Exception ex) when (ex is DaemonNotRunningException or UnauthorizedAccessException)
            {
                cli.Output.Error(ex.Message);
            }
            catch (CliFailureException ex)
            {
                cli.Output.Error(ex.Message, ex.Hint);
            }
            catch (ControlConnectionException ex) when (!cancellationToken.IsCancellationRequested)
            {
                cli.Output.Error(
                    $"lost the connection to the daemon on {cli.Endpoint}: {ex.Message}",
                    $"see {DaemonLogHint.Where()} and `orch status`");
            }

            return OrchCli.Failure;
        };
}
