namespace Orchestrator.Cli.HandOff;

/// <summary>
/// The verbs <c>orch</c> does not run itself: they need the node (Akka, the journal, Kestrel and YARP), which this
/// client, compiled ahead of time, does not carry. <c>orch</c> execs <c>orch-daemon</c> or <c>orch-router</c> with
/// its own arguments, so the pid, the signals and the exit code are the node's.
/// </summary>
internal static class HandedOverVerbs
{
    /// <summary>The executable that runs <paramref name="args"/>, or null when <c>orch</c> runs them itself.</summary>
    public static string? ExecutableFor(IReadOnlyList<string> args)
    {
        var verb = FirstVerb(args, out var next);
        var subverb = next < args.Count ? args[next] : null;
        return (verb, subverb) switch
        {
            ("daemon", _) or ("doctor", _) or ("cluster", "init-cert") => OrchExecutables.Daemon,
            ("router", "restart") => null,
            // An edge router joins the cluster as a node of its own, which only orch-daemon can be.
            ("router", _) when JoinsCluster(args, next) => OrchExecutables.Daemon,
            ("router", _) => OrchExecutables.Router,
            _ => null,
        };
    }

    /// <summary><c>orch router --seed HOST:PORT</c>: an edge router, a cluster member with the router role alone.</summary>
    private static bool JoinsCluster(IReadOnlyList<string> args, int next) =>
        args.Skip(next).Any(a => a == "--seed" || a.StartsWith("--seed=", StringComparison.Ordinal));

    /// <summary>The first token that is not a global option (<c>--json</c>, <c>--control PATH</c>).</summary>
    private static string? FirstVerb(IReadOnlyList<string> args, out int next)
    {
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--json":
                    continue;
                case "--control":
                    i++;
                    continue;
                case var option when option.StartsWith("--control=", StringComparison.Ordinal):
                    continue;
                default:
                    next = i + 1;
                    return args[i];
            }
        }

        next = args.Count;
        return null;
    }
}
