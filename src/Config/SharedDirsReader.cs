using System.Collections.Immutable;
using Tomlyn.Model;

namespace Orchestrator.Config;

/// <summary>
/// <c>shared_dirs = ["data/workspace", "uploads"]</c>: paths relative to the release path that are linked to
/// directories under the app's state directory, so what a release writes there outlives it. On Railway the one path
/// allowed there becomes a service's volume instead (<see cref="RailwaySharedDir"/>).
/// </summary>
internal static class SharedDirsReader
{
    private const string Example = "shared_dirs = [\"data/workspace\", \"uploads\"]";

    public static ImmutableArray<string> Read(TableReader file)
    {
        switch (file.Value("shared_dirs"))
        {
            case null:
                return [];
            case TomlArray array when array.Count > Defaults.SharedDirsMax:
                file.Problem("shared_dirs", $"{array.Count} shared dirs: at most {Defaults.SharedDirsMax}; share a parent directory instead", Example);
                return [];
            case TomlArray array:
                return Paths(file, array);
            case var other:
                file.Problem("shared_dirs", $"must be an array of relative paths, not {TableReader.Describe(other)}", Example);
                return [];
        }
    }

    private static ImmutableArray<string> Paths(TableReader file, TomlArray array)
    {
        var paths = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < array.Count; i++)
        {
            var key = $"shared_dirs[{i}]";
            if (array[i] is not string text)
            {
                file.Problem(key, $"{TableReader.Describe(array[i])} is not a path", Example);
            }
            else if (PathProblem(text) is { } problem)
            {
                file.Problem(key, $"'{text}' {problem}", Example);
            }
            else if (Normalize(text) is var path && paths.FirstOrDefault(p => Overlaps(p, path)) is { } other)
            {
                file.Problem(key, other == path
                    ? $"'{text}' is listed twice"
                    : $"'{text}' and '{other}' overlap: one would be linked inside the other; keep the parent only", Example);
            }
            else
            {
                paths.Add(path);
            }
        }

        return paths.ToImmutable();
    }

    private static string? PathProblem(string text)
    {
        if (text.Length == 0 || text.Trim().Length != text.Length)
        {
            return "must be a path without surrounding spaces";
        }

        if (text.StartsWith('/') || text.StartsWith('~'))
        {
            return "must be relative to the release path, e.g. \"data/workspace\"";
        }

        if (text.Contains('\\') || text.Contains('\0'))
        {
            return "must use '/' between its parts";
        }

        var segments = text.TrimEnd('/').Split('/');
        return segments.Any(s => s is "" or "." or "..")
            ? "must not contain '.', '..' or empty parts: name a directory inside the release"
            : null;
    }

    private static string Normalize(string text) => text.TrimEnd('/');

    private static bool Overlaps(string a, string b) =>
        a == b || a.StartsWith(b + "/", StringComparison.Ordinal) || b.StartsWith(a + "/", StringComparison.Ordinal);
}
