using System.Collections.Immutable;

namespace Orchestrator.Config;

/// <summary>
/// <c>shared_dirs</c> of a Railway app: Railway has no release path to link into and mounts one volume per service, so
/// the app lists one dir and it becomes the volume of its one <c>service</c> process without a <c>volume</c> of its own,
/// mounted at <c>&lt;cwd&gt;/&lt;dir&gt;</c> (cwd defaults to <see cref="Defaults.RailwayAppDirectory"/>). A service that
/// has a <c>volume</c> already is not a candidate: two mounts asked of one service would be ambiguous.
/// </summary>
internal static class RailwaySharedDir
{
    private const string Fix = "Railway mounts one volume per service: list one shared dir, or give each `service` process its own `volume`";

    /// <summary>The services with the shared dir's volume on the one that holds it; every problem reported on <paramref name="file"/>.</summary>
    public static ImmutableArray<RailwayServiceConfig> Map(
        TableReader file, ImmutableArray<string> sharedDirs, IReadOnlyList<(int Index, RailwayServiceConfig Service)> services)
    {
        var holder = sharedDirs.IsEmpty ? null : Holder(file, sharedDirs, services);
        var sharedDirsInvalid = file.Has("shared_dirs") && sharedDirs.IsEmpty;
        foreach (var (index, service) in services.Where(s => s.Service.Cwd is not null && s.Index != holder?.Index && !sharedDirsInvalid))
        {
            file.Problem(
                $"process[{index}].cwd",
                holder is null
                    ? "on Railway, cwd only says where the shared dir's volume mounts (Railway runs the image from its own working directory), and the app has no shared_dirs"
                    : $"on Railway, cwd only says where the shared dir's volume mounts, and process[{holder.Value.Index}] ('{holder.Value.Service.Id}') holds it",
                holder is null ? "remove cwd, or add shared_dirs = [\"uploads\"]" : "remove cwd");
        }

        return holder is not { } chosen
            ? [.. services.Select(s => s.Service)]
            : [.. services.Select(s => s.Index == chosen.Index ? Mapped(s.Service, sharedDirs[0]) : s.Service)];
    }

    private static (int Index, RailwayServiceConfig Service)? Holder(
        TableReader file, ImmutableArray<string> sharedDirs, IReadOnlyList<(int Index, RailwayServiceConfig Service)> services)
    {
        if (sharedDirs.Length > 1)
        {
            file.Problem("shared_dirs", $"{sharedDirs.Length} shared dirs on Railway, where a shared dir is the volume of a `service` process: {Fix}", "shared_dirs = [\"uploads\"]");
            return null;
        }

        var free = services.Where(s => s.Service.VolumeMountPath is null).ToList();
        switch (free.Count)
        {
            case 1:
                return free[0];
            case 0 when services.Count == 0:
                file.Problem(
                    "shared_dirs",
                    "on Railway a shared dir is the volume of a `service` process, and this app has none: add one to hold it",
                    "[[process]] with id = \"files\", policy = \"service\", image = \"ghcr.io/acme/shop-files:1\"");
                return null;
            case 0:
                var mounted = string.Join(", ", services.Select(s => $"process[{s.Index}] ('{s.Service.Id}') at {s.Service.VolumeMountPath}"));
                file.Problem(
                    "shared_dirs",
                    $"on Railway a shared dir is the volume of the `service` process without a `volume`, and every one has its own ({mounted}): "
                    + "Railway mounts one volume per service; write to that volume and remove shared_dirs, or add a `service` process without `volume` to hold it",
                    "remove shared_dirs");
                return null;
            default:
                var candidates = string.Join(", ", free.Select(s => $"process[{s.Index}] ('{s.Service.Id}')"));
                file.Problem(
                    "shared_dirs",
                    $"on Railway a shared dir is the volume of the one `service` process without a `volume`, and {free.Count} have none ({candidates}): "
                    + "give each but the one that holds it its own `volume`",
                    "volume = \"/data\" on the others");
                return null;
        }
    }

    private static RailwayServiceConfig Mapped(RailwayServiceConfig service, string dir) => service with
    {
        VolumeMountPath = MountPath(service.Cwd, dir),
        SharedDir = dir,
    };

    /// <summary><c>&lt;cwd&gt;/&lt;dir&gt;</c>: where the app, running from its cwd, finds its shared dir.</summary>
    public static string MountPath(string? cwd, string dir) => $"{(cwd ?? Defaults.RailwayAppDirectory).TrimEnd('/')}/{dir}";
}
