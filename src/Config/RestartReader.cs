namespace Orchestrator.Config;

/// <summary>Reads a process's <c>restart</c> table: how often and how fast a crashed process is started again.</summary>
internal static class RestartReader
{
    public static RestartConfig Read(TableReader process)
    {
        if (process.Nested("restart", ConfigSchema.Restart) is not { } restart)
        {
            return new RestartConfig();
        }

        var initialDelay = restart.Duration("initial_delay") ?? Defaults.RestartInitialDelay;
        var maxDelay = restart.Duration("max_delay") ?? Defaults.RestartMaxDelay;
        if (maxDelay < initialDelay)
        {
            restart.Problem("max_delay", $"max_delay ({Duration.Format(maxDelay)}) is shorter than initial_delay ({Duration.Format(initialDelay)})");
        }

        return new RestartConfig
        {
            MaxRestarts = restart.Integer("max_restarts", minimum: 0) ?? Defaults.RestartMaxRestarts,
            Window = restart.Duration("window", positive: true) ?? Defaults.RestartWindow,
            BackoffFactor = restart.Number("backoff_factor", minimum: 1) ?? Defaults.RestartBackoffFactor,
            InitialDelay = initialDelay,
            MaxDelay = maxDelay,
        };
    }
}
