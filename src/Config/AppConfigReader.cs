using System.Collections.Immutable;
using Tomlyn.Model;

namespace Orchestrator.Config;

/// <summary>Walks the untyped TOML model of a whole <c>orch.toml</c>, reporting every problem rather than the first.</summary>
internal static class AppConfigReader
{
    /// <summary>The config, or null when any problem was added.</summary>
    public static AppConfig? Read(TomlTable root, ConfigProblems problems)
    {
        var file = new TableReader(root, "", ConfigSchema.Root, problems);
        file.RejectUnknownKeys();

        var app = ReadApp(file);
        var proxyTable = file.Nested("proxy", ConfigSchema.Proxy);
        var proxy = proxyTable is null ? null : ProxyReader.Read(proxyTable);
        var sharedDirs = SharedDirsReader.Read(file);
        var (processes, railway) = file.Has("railway")
            ? RailwayAppReader.Read(file, app, proxy, sharedDirs)
            : (ReadLocalProcesses(file, proxy), null);
        var retention = file.Nested("retention", ConfigSchema.Retention);
        var keep = retention?.Integer("keep", minimum: 1) ?? Defaults.RetentionKeep;
        var placement = PlacementReader.Read(file, processes?.Any(p => p.Policy == ProcessPolicy.Proxied) ?? true, file.Has("railway"));
        var hooks = ReleaseHooksReader.Read(file, file.Has("railway"));
        var logs = LogsReader.Read(file, file.Has("railway"));

        if (processes is not { } read || !problems.IsEmpty)
        {
            return null;
        }

        return new AppConfig
        {
            App = app!,
            Proxy = proxy,
            Processes = read,
            Retention = new RetentionConfig { Keep = keep },
            Placement = placement,
            Hooks = hooks,
            SharedDirs = railway is null ? sharedDirs : [],
            Logs = logs,
            Railway = railway,
        };
    }

    private static string? ReadApp(TableReader file)
    {
        var app = file.String("app", required: true);
        if (app is not null && !Identifier.IsValid(app))
        {
            file.Problem("app", $"'{app}' is not a valid app name: use {Identifier.Rule}");
        }

        return app;
    }

    /// <summary>The processes of an app that runs on this host, or null when there are more than an app may have.</summary>
    private static ImmutableArray<ProcessConfig>? ReadLocalProcesses(TableReader file, ProxyConfig? proxy)
    {
        if (ProcessTables.Read(file, required: true) is not { } tables)
        {
            return null;
        }

        var entries = tables.Select(t => ProcessReader.Read(t.Table, t.Index, proxy, file.Problems)).ToList();
        ProcessSetRules.Check(entries, hasProxySection: file.Has("proxy"), file.Problems);
        TemplateRules.Check(entries, file.Problems);
        return [.. entries.Select(p => p.Config)];
    }
}
