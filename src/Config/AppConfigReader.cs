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
        var processes = ReadProcesses(file, proxy);
        var retention = file.Nested("retention", ConfigSchema.Retention);
        var keep = retention?.Integer("keep", minimum: 1) ?? Defaults.RetentionKeep;

        if (processes is { } read)
        {
            ProcessSetRules.Check(read, hasProxySection: file.Has("proxy"), problems);
            TemplateRules.Check(read, problems);
        }

        if (processes is not { } entries || !problems.IsEmpty)
        {
            return null;
        }

        return new AppConfig
        {
            App = app!,
            Proxy = proxy,
            Processes = [.. entries.Select(p => p.Config)],
            Retention = new RetentionConfig { Keep = keep },
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

    /// <summary>The processes, or null when there are more than an app may have.</summary>
    private static ImmutableArray<ProcessEntry>? ReadProcesses(TableReader file, ProxyConfig? proxy)
    {
        IReadOnlyList<object?> tables = file.Value("process") switch
        {
            TomlTableArray array => [.. array],
            TomlArray array => [.. array],
            null => [],
            var other => ReportNotTables(file, other),
        };
        if (tables.Count == 0 && file.Value("process") is null or TomlTableArray or TomlArray)
        {
            file.Problem("process", "at least one [[process]] is required");
        }

        if (tables.Count > Defaults.MaxProcessesPerApp)
        {
            // Not read at all: one problem says it, rather than thousands about entries that cannot be deployed anyway.
            file.Problem(
                "process",
                $"{tables.Count} [[process]] entries; an app has at most {Defaults.MaxProcessesPerApp}",
                "split the app into several apps, or let one process supervise many workers");
            return null;
        }

        var entries = ImmutableArray.CreateBuilder<ProcessEntry>();
        for (var index = 0; index < tables.Count; index++)
        {
            if (tables[index] is TomlTable table)
            {
                entries.Add(ProcessReader.Read(table, index, proxy, file.Problems));
            }
            else
            {
                file.Problem($"process[{index}]", $"must be a table, not {TableReader.Describe(tables[index])}", ConfigSchema.Root.ExampleOf("process"));
            }
        }

        return entries.ToImmutable();
    }

    private static object?[] ReportNotTables(TableReader file, object value)
    {
        file.Problem("process", $"must be an array of tables written as [[process]], not {TableReader.Describe(value)}");
        return [];
    }
}
