using System.Collections.Immutable;
using System.Text;

namespace Orchestrator.Config;

/// <summary>The outcome of reading an <c>orch.toml</c>: a config, or every problem found in it.</summary>
public sealed record ConfigLoadResult(AppConfig? Config, ImmutableArray<ConfigProblem> Problems)
{
    public bool IsValid => Config is not null && Problems.IsEmpty;
}

/// <summary>Parses and validates <c>orch.toml</c> text, reporting every problem at once.</summary>
public static class AppConfigLoader
{
    /// <param name="toml">The file's text.</param>
    /// <param name="sourcePath">Where it was read from; used in messages and to resolve relative paths.</param>
    public static ConfigLoadResult Load(string toml, string sourcePath)
    {
        var problems = new ConfigProblems();
        if (SizeProblem(toml) is { } tooLarge)
        {
            problems.Add(sourcePath, tooLarge, "keep orch.toml small: large values belong in files of the release");
            return new ConfigLoadResult(null, problems.ToImmutable());
        }

        var root = TomlDocument.Parse(toml, sourcePath, problems);
        var config = root is null ? null : AppConfigReader.Read(root, problems);
        return new ConfigLoadResult(config, problems.ToImmutable());
    }

    /// <summary>Why <paramref name="toml"/> is too large to read, or null; checked before parsing, by the CLI and the daemon.</summary>
    public static string? SizeProblem(string toml)
    {
        var bytes = Encoding.UTF8.GetByteCount(toml);
        return bytes > Defaults.MaxConfigBytes
            ? $"the config is {bytes} bytes; at most {Defaults.MaxConfigBytes} bytes ({Defaults.MaxConfigBytes / 1024 / 1024} MiB) are accepted"
            : null;
    }
}
