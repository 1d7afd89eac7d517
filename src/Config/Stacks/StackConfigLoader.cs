using System.Collections.Immutable;

namespace Orchestrator.Config;

/// <summary>The outcome of reading an <c>orch.stack.toml</c>: a stack, or every problem found in it and in its apps' configs.</summary>
public sealed record StackLoadResult(StackConfig? Config, ImmutableArray<ConfigProblem> Problems)
{
    public bool IsValid => Config is not null && Problems.IsEmpty;
}

/// <summary>Parses and validates <c>orch.stack.toml</c> and the app configs it names, reporting every problem at once.</summary>
public static class StackConfigLoader
{
    public const string DefaultFileName = "orch.stack.toml";

    /// <param name="toml">The stack file's text.</param>
    /// <param name="stackPath">Absolute path of the stack file; app configs are relative to its directory.</param>
    /// <param name="readFile">Reads an app config by absolute path; null when there is no such file.</param>
    public static StackLoadResult Load(string toml, string stackPath, Func<string, string?> readFile)
    {
        var problems = new ConfigProblems();
        if (AppConfigLoader.SizeProblem(toml) is { } tooLarge)
        {
            problems.Add(stackPath, tooLarge, "a stack file only lists its apps' configs");
            return new StackLoadResult(null, problems.ToImmutable());
        }

        var root = TomlDocument.Parse(toml, stackPath, problems);
        var config = root is null ? null : StackConfigReader.Read(root, stackPath, readFile, problems);
        return new StackLoadResult(problems.IsEmpty ? config : null, problems.ToImmutable());
    }

    /// <summary>Reads the stack file and its app configs from disk.</summary>
    public static StackLoadResult LoadFile(string stackPath)
    {
        var path = Path.GetFullPath(stackPath);
        return Load(File.ReadAllText(path), path, file => File.Exists(file) ? File.ReadAllText(file) : null);
    }
}
