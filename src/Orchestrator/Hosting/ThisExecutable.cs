using System.Reflection;

namespace Orchestrator.Hosting;

/// <summary>How to run this very executable again, e.g. as <c>orch daemon</c> or <c>orch router</c>.</summary>
public static class ThisExecutable
{
    /// <summary>Its path; under <c>dotnet orch.dll</c> that is the host plus the entry assembly.</summary>
    /// <exception cref="InvalidOperationException">The runtime cannot tell which executable runs.</exception>
    public static IReadOnlyList<string> Command()
    {
        var processPath = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which executable is running");
        return Path.GetFileNameWithoutExtension(processPath) == "dotnet" && Assembly.GetEntryAssembly()?.Location is { Length: > 0 } entry
            ? [processPath, entry]
            : [processPath];
    }
}
