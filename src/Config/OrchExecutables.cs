using System.Runtime.InteropServices;

namespace Orchestrator;

/// <summary>
/// An install is three executables in one directory: <c>orch</c> (the client, compiled ahead of time),
/// <c>orch-daemon</c> (the node) and <c>orch-router</c> (the data plane). Each finds the others next to itself.
/// </summary>
public static class OrchExecutables
{
    public const string Client = "orch";
    public const string Daemon = "orch-daemon";
    public const string Router = "orch-router";

    /// <summary>
    /// How to run <paramref name="name"/>: its file next to the running executable, or <c>dotnet NAME.dll</c> when this
    /// process runs under the dotnet host (as the tests run <c>dotnet orch.dll</c>) or when only the assembly is there
    /// (the .NET tool package carries no apphosts: build/tool-package.targets).
    /// </summary>
    /// <exception cref="FileNotFoundException">It is not installed next to this executable.</exception>
    public static IReadOnlyList<string> Command(string name)
    {
        var directory = AppContext.BaseDirectory;
        var processPath = Environment.ProcessPath;
        var executable = Path.Combine(directory, name);
        var assembly = Path.Combine(directory, name + ".dll");
        var underDotnetHost = processPath is not null && Path.GetFileNameWithoutExtension(processPath) == "dotnet";
        if (underDotnetHost && File.Exists(assembly))
        {
            return [processPath!, assembly];
        }

        if (!underDotnetHost && File.Exists(executable))
        {
            return [executable];
        }

        if (File.Exists(assembly) && DotnetHost() is { } dotnet)
        {
            return [dotnet, assembly];
        }

        throw new FileNotFoundException(
            $"{name} is not installed next to {processPath ?? Client} (looked for {(underDotnetHost ? assembly : executable)}); keep orch, orch-daemon and orch-router in one directory, as ./orch builds them into .orch/bin and the orch .NET tool carries them",
            underDotnetHost ? assembly : executable);
    }

    /// <summary>
    /// The <c>dotnet</c> of the runtime running this process (a tool's shim finds it through DOTNET_ROOT or the install
    /// location, which need not be on PATH): the runtime lives in <c>DOTNET_ROOT/shared/Microsoft.NETCore.App/VERSION/</c>.
    /// </summary>
    private static string? DotnetHost()
    {
        var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory();
        if (string.IsNullOrEmpty(runtimeDirectory))
        {
            return null;
        }

        var dotnet = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", "..", "dotnet"));
        return File.Exists(dotnet) ? dotnet : null;
    }
}
