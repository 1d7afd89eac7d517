using System.Text.RegularExpressions;

namespace Orchestrator.Config;

/// <summary>What a Railway deployment runs: an image, a GitHub repo at a branch, or neither (<c>--image</c> gives it).</summary>
internal sealed partial record RailwaySource(string? Image, string? Repo, string? Branch)
{
    /// <summary>Reads <c>image</c>, <c>repo</c> and <c>branch</c> of <c>[railway]</c>; the parts in conflict are reported and left null.</summary>
    public static RailwaySource Read(TableReader railway)
    {
        var image = railway.String("image");
        if (image is not null && !IsImage(image))
        {
            railway.Problem("image", $"'{image}' is not an image reference: give one without spaces, such as registry/name:tag");
            image = null;
        }

        var repo = railway.String("repo");
        if (repo is not null && !IsRepo(repo))
        {
            railway.Problem("repo", $"'{repo}' is not a GitHub repo: write it as \"owner/name\"");
            repo = null;
        }

        var branch = railway.NonEmptyString("branch");

        if (railway.Has("image") && railway.Has("repo"))
        {
            railway.Problem("repo", "a deployment runs either an image or a repo, not both; keep 'image' or 'repo' with 'branch'", "remove 'repo' and 'branch', or remove 'image'");
            return new RailwaySource(image, null, null);
        }

        if (railway.Has("repo") && !railway.Has("branch"))
        {
            railway.Problem("branch", "'branch' is required with 'repo': Railway deploys that branch of the repo");
        }
        else if (railway.Has("branch") && !railway.Has("repo"))
        {
            railway.Problem("branch", "'branch' only applies with 'repo'", "repo = \"acme/shop\" with branch = \"main\", or remove 'branch'");
        }

        return new RailwaySource(image, repo, branch);
    }

    public static bool IsImage(string image) => image.Length > 0 && !image.Any(char.IsWhiteSpace);

    public static bool IsRepo(string repo) => RepoPattern().IsMatch(repo);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+$")]
    private static partial Regex RepoPattern();
}
