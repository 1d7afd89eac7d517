using System.Collections.Immutable;

namespace Orchestrator.Config;

/// <summary>
/// Reads an app with <c>[railway]</c>: its deployments are Railway services behind a router service, so it needs no
/// <c>[[process]]</c>; its one proxied process is synthesized from <c>[railway]</c>, and its <c>[[process]]</c> entries
/// may only be <c>service</c>s, which become <see cref="RailwayConfig.Services"/> rather than local processes; its
/// <c>shared_dirs</c> becomes one of their volumes (<see cref="RailwaySharedDir"/>).
/// </summary>
internal static class RailwayAppReader
{
    /// <returns>Null processes and config when <c>[railway]</c> is not a table or there are too many processes (reported).</returns>
    public static (ImmutableArray<ProcessConfig>? Processes, RailwayConfig? Railway) Read(TableReader file, string? app, ProxyConfig? proxy, ImmutableArray<string> sharedDirs)
    {
        var railwayTable = file.Nested("railway", ConfigSchema.Railway);
        var railway = railwayTable is null ? null : RailwayReader.Read(railwayTable, app, proxy);
        if (!file.Has("proxy"))
        {
            file.Problem(
                "proxy",
                "a Railway app needs [proxy]: its router service listens there and probes and drains the deployments by its health_path and drain_timeout",
                "[proxy] with listen = \"0.0.0.0:8080\"");
        }

        var tables = ProcessTables.Read(file, required: false);
        var services = tables?.Select(t => (t.Index, Read: RailwayServiceReader.Read(t.Table, t.Index, file.Problems))).ToList() ?? [];
        UniqueProcessIds.Check(services.Select(s => (s.Index, s.Read.Id)), file.Problems);
        var read = services.Where(s => s.Read.Service is not null).Select(s => (s.Index, s.Read.Service!)).ToList();
        var mapped = RailwaySharedDir.Map(file, sharedDirs, read);
        if (railway is null || tables is null)
        {
            return (null, null);
        }

        railway = railway with { Services = mapped };
        return ([Proxied(railway)], railway);
    }

    private static ProcessConfig Proxied(RailwayConfig railway) => new()
    {
        Id = RailwayConfig.ProxiedProcessId,
        Policy = ProcessPolicy.Proxied,
        Command = railway.Image ?? railway.Repo ?? RailwayConfig.ImageFromCommandLine,
        Port = new PortRange(railway.Port, railway.Port),
        Health = new HealthConfig { Path = railway.HealthcheckPath, Timeout = railway.HealthcheckTimeout },
    };
}
