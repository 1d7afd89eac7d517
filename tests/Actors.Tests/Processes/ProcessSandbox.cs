using System.Collections.Immutable;
using Orchestrator.Actors.Processes;
using Orchestrator.Config;

namespace Orchestrator.Actors.Tests.Processes;

/// <summary>A temporary directory for a test's processes and their logs.</summary>
internal sealed class ProcessSandbox : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("orch-proc-").FullName;

    public ProcessSpec Spec(
        string command,
        string id = "web",
        RestartConfig? restart = null,
        TimeSpan? gracefulStop = null,
        string? workingDirectory = null,
        ImmutableDictionary<string, string>? environment = null) =>
        new(
            "app",
            "app-000000-000000",
            id,
            ProcessPolicy.Proxied,
            command,
            workingDirectory ?? Root,
            environment ?? ImmutableDictionary<string, string>.Empty,
            Path.Combine(Root, "logs", $"{id}.log"),
            gracefulStop ?? TimeSpan.FromSeconds(5),
            restart ?? new RestartConfig { MaxRestarts = 0 });

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A process still writing its log; the temp directory is cleaned by the OS eventually.
        }
    }
}
