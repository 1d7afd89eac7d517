namespace Orchestrator.Config;

/// <summary>Reads a process's <c>health</c> table, filling what it leaves out from <c>[proxy]</c> and then <see cref="Defaults"/>.</summary>
internal static class HealthReader
{
    /// <returns>
    /// Always a config for a proxied process (it must be probed before it gets traffic); for a service with a port only
    /// when it asks for probing; null for everything else.
    /// </returns>
    public static HealthConfig? Read(TableReader process, ProcessPolicy? policy, PortRange? port, ProxyConfig? proxy)
    {
        var health = process.Nested("health", ConfigSchema.Health);
        var proxied = policy == ProcessPolicy.Proxied;
        var probed = proxied || (policy == ProcessPolicy.Service && port is not null);
        if (health is not null && policy is not null && !probed)
        {
            var problem = policy == ProcessPolicy.Service
                ? "a service is only health-checked when it has a port"
                : $"a {policy.Value.ToString().ToLowerInvariant()} process gets no traffic and is not health-checked; only proxied processes and services with a port are";
            process.Problem("health", problem, policy == ProcessPolicy.Service ? "port = \"18300\"" : "remove the health table");
        }

        if (health is null && !proxied)
        {
            return null;
        }

        var path = health?.String("path");
        if (path is not null && !path.StartsWith('/'))
        {
            health!.Problem("path", $"'{path}' must start with '/'");
        }

        var fallback = proxied ? proxy : null;
        return new HealthConfig
        {
            Path = path ?? fallback?.HealthPath ?? Defaults.HealthPath,
            Interval = health?.Duration("interval", positive: true) ?? Defaults.HealthInterval,
            StartDelay = health?.Duration("start_delay") ?? Defaults.HealthStartDelay,
            Timeout = health?.Duration("timeout", positive: true) ?? fallback?.HealthTimeout ?? Defaults.HealthTimeout,
            IntervalActive = health?.Duration("interval_active", positive: true) ?? Defaults.HealthIntervalActive,
            UnhealthyAfter = health?.Integer("unhealthy_after", minimum: 1) ?? Defaults.HealthUnhealthyAfter,
        };
    }
}
