namespace Orchestrator.Config;

/// <summary>
/// What one Railway deployment runs when the command line names it (<c>--image</c>, or <c>--repo</c> with an optional
/// <c>--commit</c>): it replaces <c>[railway]</c>'s image or repo for that deployment only, and is persisted with it.
/// <paramref name="KeepFailed"/> (<c>--keep-failed</c>): a deployment that fails keeps its service, for its logs.
/// </summary>
public sealed record RailwayRelease(string? Image, string? Repo, string? Commit, bool KeepFailed = false)
{
    /// <summary>Null when the command line named none of them.</summary>
    public static RailwayRelease? From(string? image, string? repo, string? commit, bool keepFailed = false) =>
        image is null && repo is null && commit is null && !keepFailed ? null : new RailwayRelease(image, repo, commit, keepFailed);

    /// <summary>What is wrong with this release for <paramref name="config"/>, or null.</summary>
    public string? Problem(AppConfig config)
    {
        if (config.Railway is not { } railway)
        {
            return $"--image, --repo, --commit and --keep-failed apply to apps that deploy to Railway, and app '{config.App}' has no [railway] in its orch.toml";
        }

        if (Image is not null && Repo is not null)
        {
            return "a deployment runs either an image or a repo: pass --image or --repo, not both";
        }

        if (Image is not null && !RailwaySource.IsImage(Image))
        {
            return $"--image '{Image}' is not an image reference: give one without spaces, such as registry/name:tag";
        }

        if (Repo is not null && !RailwaySource.IsRepo(Repo))
        {
            return $"--repo '{Repo}' is not a GitHub repo: write it as owner/name";
        }

        if (Commit is not null && (Repo ?? (Image is null ? railway.Repo : null)) is null)
        {
            return "--commit applies to a repo: pass --repo OWNER/NAME with it, or set repo in [railway]";
        }

        return Commit is not null && !IsCommit(Commit)
            ? $"--commit '{Commit}' is not a git commit: give its hex SHA (7 to 40 characters)"
            : null;
    }

    /// <summary>The config with this release in place of <c>[railway]</c>'s source; <paramref name="config"/> must be a Railway app.</summary>
    public AppConfig ApplyTo(AppConfig config)
    {
        var railway = config.Railway!;
        var source = Image is not null
            ? railway with { Image = Image, Repo = null, Branch = null }
            : Repo is not null ? railway with { Image = null, Repo = Repo, Branch = Repo == railway.Repo ? railway.Branch : null } : railway;
        var runs = source.Image ?? source.Repo ?? RailwayConfig.ImageFromCommandLine;
        return config with
        {
            Railway = source,
            Processes = [.. config.Processes.Select(p => p.Id == RailwayConfig.ProxiedProcessId ? p with { Command = runs } : p)],
        };
    }

    /// <summary>What a deployment runs, as status shows it in place of a release path: the image, or repo@commit.</summary>
    public static string Describe(RailwayConfig railway, RailwayRelease? release)
    {
        var commit = release?.Commit is { } sha ? "@" + sha : "";
        return railway.Image ?? (railway.Repo is { } repo ? repo + commit : RailwayConfig.ImageFromCommandLine);
    }

    private static bool IsCommit(string commit) => commit.Length is >= 7 and <= 40 && commit.All(char.IsAsciiHexDigit);
}
