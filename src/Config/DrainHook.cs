namespace Orchestrator.Config;

/// <summary>
/// How the daemon talks to a process while its deployment drains: <c>quiet</c> tells it to stop taking new work,
/// <c>drain_check</c> asks whether it is idle. Written <c>signal:USR1</c>, <c>http:POST /quiet</c> or <c>exec:CMD</c>.
/// </summary>
public abstract record DrainHook;

/// <summary>Sends <see cref="Number"/> to the process's pid (quiet only).</summary>
public sealed record SignalHook(int Number, string Name) : DrainHook
{
    public override string ToString() => $"signal:{Name}";
}

/// <summary>An HTTP request to the process's own port on loopback.</summary>
public sealed record HttpHook(string Method, string Path) : DrainHook
{
    public override string ToString() => $"http:{Method} {Path}";
}

/// <summary>A shell command run with the process's environment in its working directory.</summary>
public sealed record ExecHook(string Command) : DrainHook
{
    public override string ToString() => $"exec:{Command}";
}
