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
    /// process runs under the dotnet host (as the tests run <c>dotnet orch.dll</c>).
    /// </summary>
    /// <exception cref="FileNotFoundException">It is not installed next to this executable.</exception>
    public static IReadOnlyList<string> Command(string name)
    {
        var directory = AppContext.BaseDirectory;
        var processPath = Environment.ProcessPath;
        var underDotnetHost = processPath is not null && Path.GetFileNameWithoutExtension(processPath) == "dotnet";
        var path = Path.Combine(directory, underDotnetHost ? name + ".dll" : name);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"{name} is not installed next to {processPath ?? Client} (looked for {path}); keep orch, orch-daemon and orch-router in one directory, as ./orch builds them into .orch/bin",
                path);
        }

        return underDotnetHost ? [processPath!, path] : [path];
    }
}
