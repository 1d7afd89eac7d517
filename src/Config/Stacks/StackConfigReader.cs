using System.Collections.Immutable;
using Tomlyn.Model;

namespace Orchestrator.Config;

/// <summary>Walks an <c>orch.stack.toml</c>: its keys, each app's own config, then the rules across apps.</summary>
internal static class StackConfigReader
{
    /// <summary>The stack, or null when any problem was added.</summary>
    public static StackConfig? Read(TomlTable root, string stackPath, Func<string, string?> readFile, ConfigProblems problems)
    {
        var file = new TableReader(root, "", ConfigSchema.StackRoot, problems);
        file.RejectUnknownKeys();
        var stack = file.String("stack", required: true);
        if (stack is not null && !Identifier.IsValid(stack))
        {
            file.Problem("stack", $"'{stack}' is not a valid stack name: use {Identifier.Rule}");
        }

        var entries = AppTables(file)
            .Select(t => ReadApp(new TableReader(t.Table, $"app[{t.Index}]", ConfigSchema.StackApp, problems), stackPath, readFile))
            .ToList();
        StackRules.Check(entries, problems);
        if (stack is null || !problems.IsEmpty || entries.Any(e => e.App is null))
        {
            return null;
        }

        return new StackConfig(stack, stackPath, [.. entries.Select(e => e.App!)]);
    }

    private static IReadOnlyList<(int Index, TomlTable Table)> AppTables(TableReader file)
    {
        IReadOnlyList<object?> values = file.Value("app") switch
        {
            TomlTableArray array => [.. array],
            TomlArray array => [.. array],
            null => [],
            var other => [other],
        };
        if (values.Count == 0)
        {
            file.Problem("app", "at least one [[app]] is required");
        }

        var tables = new List<(int, TomlTable)>();
        for (var index = 0; index < values.Count; index++)
        {
            if (values[index] is TomlTable table)
            {
                tables.Add((index, table));
            }
            else
            {
                file.Problem($"app[{index}]", $"must be a table, not {TableReader.Describe(values[index])}", ConfigSchema.StackRoot.ExampleOf("app"));
            }
        }

        return tables;
    }

    private static StackEntry ReadApp(TableReader entry, string stackPath, Func<string, string?> readFile)
    {
        entry.RejectUnknownKeys();
        var dependsOn = DependsOn(entry);
        if (entry.String("config", required: true) is not { } relative)
        {
            return new StackEntry(entry.Path, null, null, dependsOn);
        }

        var stackDirectory = Path.GetDirectoryName(stackPath) ?? "/";
        var configPath = Path.GetFullPath(Path.Combine(stackDirectory, relative));
        var directory = Path.GetRelativePath(stackDirectory, Path.GetDirectoryName(configPath) ?? stackDirectory);
        if (directory == ".." || directory.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(directory))
        {
            entry.Problem("config", $"'{relative}' is outside the stack file's directory; each app's release path is --release-path joined with its config's directory, so it must be under it");
            return new StackEntry(entry.Path, relative, null, dependsOn);
        }

        if (readFile(configPath) is not { } toml)
        {
            entry.Problem("config", $"{configPath} does not exist", $"config = \"{Path.Combine("worker_plan", "orch.toml")}\" (relative to the stack file)");
            return new StackEntry(entry.Path, relative, null, dependsOn);
        }

        var loaded = AppConfigLoader.Load(toml, configPath);
        foreach (var problem in loaded.Problems)
        {
            entry.Problems.Add($"{relative}: {problem.Key}", problem.Problem, problem.Example);
        }

        var app = loaded.Config is { } config ? new StackApp(config.App, configPath, directory, toml, config, dependsOn) : null;
        return new StackEntry(entry.Path, relative, app, dependsOn, app?.App ?? NameOf(toml, configPath));
    }

    /// <summary>The <c>app</c> of a config that has other problems, so the rules across apps still know its name.</summary>
    private static string? NameOf(string toml, string configPath) =>
        TomlDocument.Parse(toml, configPath, new ConfigProblems()) is { } root && root.TryGetValue("app", out var app) ? app as string : null;

    private static ImmutableArray<string> DependsOn(TableReader entry)
    {
        switch (entry.Value("depends_on"))
        {
            case null:
                return [];
            case TomlArray names:
                var valid = ImmutableArray.CreateBuilder<string>();
                for (var i = 0; i < names.Count; i++)
                {
                    if (names[i] is string name)
                    {
                        valid.Add(name);
                    }
                    else
                    {
                        entry.Problem($"depends_on[{i}]", $"must be an app name, not {TableReader.Describe(names[i])}", ConfigSchema.StackApp.ExampleOf("depends_on"));
                    }
                }

                return valid.ToImmutable();
            case var other:
                entry.Problem("depends_on", $"must be an array of app names, not {TableReader.Describe(other)}");
                return [];
        }
    }
}

/// <summary>One <c>[[app]]</c> as read: its key, its <c>config</c> as written, the app when its config loaded.</summary>
/// <param name="Name">The app's name, also when its config has problems; null when even that is unknown.</param>
internal sealed record StackEntry(string Key, string? Config, StackApp? App, ImmutableArray<string> DependsOn, string? Name = null);
