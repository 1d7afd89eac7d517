namespace Orchestrator.Actors.Health;

/// <summary>To the deployment: the watched process failed <c>unhealthy_after</c> probes in a row.</summary>
public sealed record ProcessUnhealthy(string ProcessId, string Reason);

/// <summary>To the deployment: the watched process passes its probes again.</summary>
public sealed record ProcessRecovered(string ProcessId, string Detail);

/// <summary>To the watch: the process exited or is being restarted.</summary>
public sealed class WatchedProcessDown
{
    public static readonly WatchedProcessDown Instance = new();

    private WatchedProcessDown()
    {
    }
}

/// <summary>To the watch: a new process runs; give it the start grace before failures count.</summary>
public sealed class WatchedProcessStarted
{
    public static readonly WatchedProcessStarted Instance = new();

    private WatchedProcessStarted()
    {
    }
}
