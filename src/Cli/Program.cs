using System.CommandLine;
using Orchestrator.Cli;

// Signals are handled per command (the daemon drains on SIGTERM); the client verbs may just die on Ctrl-C.
return await OrchCli.InvokeAsync(args, new InvocationConfiguration { ProcessTerminationTimeout = null }, CancellationToken.None);
