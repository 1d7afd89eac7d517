using Tomlyn.Model;

namespace Orchestrator.Config;

/// <summary>
/// Reads one <c>[[process]]</c> of a Railway app. Only <c>service</c> processes may be there: each is a stable
/// service of the baseline running its own <c>image</c>, with an optional start command (<c>command</c>) and <c>volume</c>,
/// and a <c>cwd</c> that only says where the app's shared dir mounts (<see cref="RailwaySharedDir"/>).
/// </summary>
internal static class RailwayServiceReader
{
    /// <summary>The process keys that mean something only for a service of a Railway app.</summary>
    public static readonly string[] RailwayOnlyKeys = ["image", "volume"];

    private static readonly string[] ServiceKeys = ["id", "policy", "command", "cwd", .. RailwayOnlyKeys];

    /// <summary>Ids whose service name <c>&lt;prefix&gt;-&lt;id&gt;</c> the app's own services take, and the deployment's process id.</summary>
    private static readonly string[] ReservedIds = [RailwayConfig.ProxiedProcessId, .. RailwayConfig.BaselineRoles];

    /// <returns>The service's id (null when missing or invalid) and its config (null when it is not one).</returns>
    public static (string? Id, RailwayServiceConfig? Service) Read(TomlTable table, int index, ConfigProblems problems)
    {
        var process = new TableReader(table, $"process[{index}]", ConfigSchema.Process, problems);
        process.RejectUnknownKeys();

        var id = ProcessReader.ReadId(process);
        var policy = ProcessReader.ReadPolicy(process);
        if (policy is { } other && other != ProcessPolicy.Service)
        {
            process.Problem(
                "policy",
                $"a Railway app has no {other.ToString().ToLowerInvariant()} process: its deployment's image ([railway] image or "
                + "--image) is the proxied process, and a Railway deployment is one service; run this as a baseline service "
                + "with its own image, or bake it into the deployment's image",
                "policy = \"service\" with image = \"...\"");
            return (id, null);
        }

        if (id is not null && ReservedIds.Contains(id))
        {
            process.Problem("id", $"'{id}' is taken on Railway by the app's own {(id == RailwayConfig.ProxiedProcessId ? "deployment" : id + " service")}", $"id = \"{id}-2\"");
        }

        foreach (var key in ConfigSchema.Process.Keys.Where(k => process.Has(k) && !ServiceKeys.Contains(k)))
        {
            process.Problem(key, $"'{key}' does not apply to a service of a Railway app, which Railway runs from its image; it takes {string.Join(", ", ServiceKeys)}", $"remove '{key}'");
        }

        var image = process.String("image", required: true);
        if (image is not null && !RailwaySource.IsImage(image))
        {
            process.Problem("image", $"'{image}' is not an image reference: give one without spaces, such as registry/name:tag");
        }

        var service = new RailwayServiceConfig(id ?? string.Empty, image ?? string.Empty, process.NonEmptyString("command"), ReadVolume(process))
        {
            Cwd = ReadCwd(process),
        };
        return (id, service);
    }

    private static string? ReadVolume(TableReader process)
    {
        var volume = process.NonEmptyString("volume");
        if (volume is not null && !volume.StartsWith('/'))
        {
            process.Problem("volume", $"'{volume}' is a mount path and must start with '/'");
            return null;
        }

        return volume;
    }

    /// <summary>
    /// Railway runs the image from its own working directory, which orch cannot change: <c>cwd</c> names it, so it must
    /// be a plain absolute path. There is no release path or port to render a template with.
    /// </summary>
    private static string? ReadCwd(TableReader process)
    {
        var cwd = process.NonEmptyString("cwd");
        if (cwd is not null && (!cwd.StartsWith('/') || cwd.Contains("{{", StringComparison.Ordinal)))
        {
            process.Problem(
                "cwd",
                $"'{cwd}' must be an absolute path without templates: a Railway service has no release path; name the directory its image runs the app from (its WORKDIR)",
                $"cwd = \"{Defaults.RailwayAppDirectory}\"");
            return null;
        }

        return cwd;
    }
}
