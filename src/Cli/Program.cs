using System.CommandLine;
using Orchestrator;
using Orchestrator.Cli;
using Orchestrator.Cli.HandOff;

if (HandedOverVerbs.ExecutableFor(args) is { } executable)
{
    try
    {
        Exec.Replace(OrchExecutables.Command(executable), args);
    }
    catch (Exception e) when (e is FileNotFoundException or InvalidOperationException)
    {
        Console.Error.WriteLine($"error: {e.Message}");
        return OrchCli.Failure;
    }
}

// Signals are handled per command; the client verbs may just die on Ctrl-C.
return await OrchCli.InvokeAsync(args, new InvocationConfiguration { ProcessTerminationTimeout = null }, CancellationToken.None);
