using System.Collections.Immutable;
using Tomlyn.Model;

namespace Orchestrator.Config;

/// <summary>Reads <c>[proxy]</c>: where the router listens for the app and how it probes and drains it.</summary>
internal static class ProxyReader
{
    public static ProxyConfig Read(TableReader proxy)
    {
        var listen = proxy.String("listen", required: true);
        if (listen is not null && ListenAddress.Check(listen) is { } listenProblem)
        {
            proxy.Problem("listen", listenProblem);
        }

        var healthPath = proxy.String("health_path");
        if (healthPath is not null && !healthPath.StartsWith('/'))
        {
            proxy.Problem("health_path", $"'{healthPath}' must start with '/'");
        }

        return new ProxyConfig
        {
            Listen = listen ?? string.Empty,
            Hosts = ReadHosts(proxy),
            HealthPath = healthPath ?? Defaults.HealthPath,
            HealthTimeout = proxy.Duration("health_timeout", positive: true) ?? Defaults.HealthTimeout,
            DrainTimeout = proxy.Duration("drain_timeout") ?? Defaults.DrainTimeout,
            StopTimeout = proxy.Duration("stop_timeout") ?? Defaults.StopTimeout,
            Affinity = proxy.Bool("affinity") ?? false,
            RequestTimeout = proxy.Duration("request_timeout", positive: true) ?? Defaults.RequestTimeout,
        };
    }

    private static ImmutableArray<string> ReadHosts(TableReader proxy)
    {
        switch (proxy.Value("hosts"))
        {
            case null:
                return [];
            case TomlArray hosts:
                var valid = ImmutableArray.CreateBuilder<string>();
                for (var i = 0; i < hosts.Count; i++)
                {
                    if (hosts[i] is string host && HostName.IsValid(host))
                    {
                        valid.Add(host.ToLowerInvariant());
                    }
                    else
                    {
                        proxy.Problem($"hosts[{i}]", $"{TableReader.Describe(hosts[i])} is not a host name", "hosts = [\"tickets.example.com\", \"*.example.com\"]");
                    }
                }

                return valid.ToImmutable();
            case var other:
                proxy.Problem("hosts", $"must be an array of host names, not {TableReader.Describe(other)}");
                return [];
        }
    }
}
