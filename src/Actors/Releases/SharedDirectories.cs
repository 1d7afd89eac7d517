using System.Collections.Immutable;

namespace Orchestrator.Actors.Releases;

/// <summary>
/// An app's <c>shared_dirs</c>: directories under <c>&lt;state dir&gt;/shared/&lt;app&gt;/</c> that every release sees
/// at the same relative paths, through symbolic links made in the release path before its processes start.
/// </summary>
internal static class SharedDirectories
{
    /// <summary>Where <paramref name="path"/> of <paramref name="app"/> lives, whatever the release.</summary>
    public static string Location(string stateDirectory, string app, string path) =>
        Path.Combine(Path.GetFullPath(stateDirectory), Defaults.SharedDirectoryName, app, path);

    /// <summary>
    /// Links every path into the release, creating the shared directories the first time. Checks them all before it
    /// changes anything: a release that ships its own copy of a path is refused (nothing is overwritten), and the
    /// returned problem says which path and how to fix it. A link made by an earlier deploy of the same release path
    /// is kept.
    /// </summary>
    public static SharedDirProblem? Link(string stateDirectory, string app, string releasePath, ImmutableArray<string> paths)
    {
        var links = paths.Select(path => (Path: path, Link: Path.Combine(releasePath, path), Target: Location(stateDirectory, app, path))).ToList();
        foreach (var (path, link, target) in links)
        {
            if (Problem(path, link, target) is { } problem)
            {
                return problem;
            }
        }

        try
        {
            foreach (var (_, link, target) in links)
            {
                Directory.CreateDirectory(target);
                if (!IsLinkTo(link, target))
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(link)!);
                    File.CreateSymbolicLink(link, target);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new SharedDirProblem($"cannot link the shared dirs into {releasePath}: {e.Message}", "check that the daemon may write there");
        }

        return null;
    }

    /// <summary>Bytes held under each shared dir (files only, links not followed).</summary>
    public static long SizeOf(string location)
    {
        if (!Directory.Exists(location))
        {
            return 0;
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        return new DirectoryInfo(location).EnumerateFiles("*", options).Sum(file => file.Length);
    }

    private static SharedDirProblem? Problem(string path, string link, string target)
    {
        var existing = new FileInfo(link);
        if (existing.LinkTarget is { } pointsTo)
        {
            return IsLinkTo(link, target)
                ? null
                : new SharedDirProblem(
                    $"the release links '{path}' to {pointsTo}, but shared_dirs links that path to {target}",
                    $"remove the link '{path}' from the release, or '{path}' from shared_dirs");
        }

        if (Directory.Exists(link) || File.Exists(link))
        {
            var kind = Directory.Exists(link) ? "directory" : "file";
            return new SharedDirProblem(
                $"the release ships its own '{path}' (a {kind}): shared_dirs links that path to {target}, which outlives releases, and a release's copy is never overwritten",
                $"remove '{path}' from the release (its data belongs in {target}), or '{path}' from shared_dirs");
        }

        return null;
    }

    private static bool IsLinkTo(string link, string target) =>
        new FileInfo(link).LinkTarget is { } pointsTo &&
        string.Equals(Path.GetFullPath(pointsTo, Path.GetDirectoryName(link)!).TrimEnd('/'), target.TrimEnd('/'), StringComparison.Ordinal);
}

/// <summary>Why a release's shared dirs could not be linked, and what to do about it.</summary>
internal sealed record SharedDirProblem(string Reason, string Hint);
