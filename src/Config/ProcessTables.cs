using Tomlyn.Model;

namespace Orchestrator.Config;

/// <summary>The <c>[[process]]</c> tables of a file, each with its index; entries that are not tables are reported.</summary>
internal static class ProcessTables
{
    /// <param name="required">Whether an app without any <c>[[process]]</c> is a problem.</param>
    /// <returns>The tables, or null when there are more than an app may have.</returns>
    public static IReadOnlyList<(int Index, TomlTable Table)>? Read(TableReader file, bool required)
    {
        IReadOnlyList<object?> values = file.Value("process") switch
        {
            TomlTableArray array => [.. array],
            TomlArray array => [.. array],
            null => [],
            var other => ReportNotTables(file, other),
        };
        if (required && values.Count == 0 && file.Value("process") is null or TomlTableArray or TomlArray)
        {
            file.Problem("process", "at least one [[process]] is required");
        }

        if (values.Count > Defaults.MaxProcessesPerApp)
        {
            // Not read at all: one problem says it, rather than thousands about entries that cannot be deployed anyway.
            file.Problem(
                "process",
                $"{values.Count} [[process]] entries; an app has at most {Defaults.MaxProcessesPerApp}",
                "split the app into several apps, or let one process supervise many workers");
            return null;
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
                file.Problem($"process[{index}]", $"must be a table, not {TableReader.Describe(values[index])}", ConfigSchema.Root.ExampleOf("process"));
            }
        }

        return tables;
    }

    private static object?[] ReportNotTables(TableReader file, object value)
    {
        file.Problem("process", $"must be an array of tables written as [[process]], not {TableReader.Describe(value)}");
        return [];
    }
}
