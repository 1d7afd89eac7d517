namespace Orchestrator.RouterProcess;

/// <summary>
/// Runtime knobs for the router process that the .NET runtime reads from the environment only, so they cannot live in
/// build/router-runtime.props with the others. The daemon sets each when it launches the router, unless its own
/// environment already names it (an operator's choice wins).
/// </summary>
internal static class RouterRuntimeEnvironment
{
    /// <summary>
    /// The gen0 budget, 4 MiB. Without it the workstation, non-concurrent GC sizes gen0 from the L3 cache the machine
    /// reports (300 MiB on the benchmark host, a VM), up to 200 MiB: the router's RSS then grows by that much under
    /// load for nothing, since a request's garbage dies young. Written in hex without the <c>0x</c> the JIT runtime
    /// also accepts: the NativeAOT runtime ignores a value with it.
    /// </summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> Defaults =
    [
        new("DOTNET_GCgen0size", "400000"),
    ];

    /// <summary>Adds each default the environment does not already set.</summary>
    public static void ApplyTo(IDictionary<string, string?> environment)
    {
        foreach (var (name, value) in Defaults)
        {
            if (!environment.ContainsKey(name))
            {
                environment[name] = value;
            }
        }
    }
}
