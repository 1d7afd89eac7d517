using Orchestrator.Cli.Deploy;
using Orchestrator.Config;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Stacks;

/// <summary>
/// Turns a stack and the deploy options into a <see cref="StackDeployRequest"/>. Each app's release is
/// <c>--release-path</c> joined with its config's directory relative to the stack file (<c>DIR/worker_plan</c> for
/// <c>worker_plan/orch.toml</c>): a release of a monorepo holds every app where the source tree does.
/// </summary>
internal static class StackRequestFactory
{
    public static async Task<StackDeployRequest> CreateAsync(
        StackConfig stack, string releasePath, IReadOnlyList<string> only, string? revision, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(releasePath);
        if (!Directory.Exists(root))
        {
            throw new CliFailureException($"release path {root} does not exist", "pass the directory of the stack's release with --release-path");
        }

        var selected = Select(stack, only);
        var names = selected.Select(a => a.App).ToHashSet(StringComparer.Ordinal);
        var apps = new List<StackDeployApp>();
        foreach (var app in selected)
        {
            var release = Path.GetFullPath(Path.Combine(root, app.Directory));
            if (!Directory.Exists(release))
            {
                throw new CliFailureException(
                    $"release path {release} of app '{app.App}' does not exist",
                    $"--release-path DIR holds each app in the directory of its config relative to the stack file: {Path.Combine("DIR", app.Directory)} for {Path.GetRelativePath(Path.GetDirectoryName(stack.StackPath)!, app.ConfigPath)}");
            }

            apps.Add(new StackDeployApp(
                app.App,
                app.ConfigToml,
                app.ConfigPath,
                release,
                revision ?? await ReleaseRevision.DetectAsync(release, TimeProvider.System, cancellationToken),
                [.. app.DependsOn.Where(names.Contains)]));
        }

        return new StackDeployRequest(stack.Stack, stack.StackPath, [.. apps]);
    }

    /// <summary>The apps named by <c>--only</c> (all when none), in the stack file's order.</summary>
    private static List<StackApp> Select(StackConfig stack, IReadOnlyList<string> only)
    {
        var unknown = only.Where(name => stack.Find(name) is null).ToList();
        if (unknown.Count > 0)
        {
            throw new CliFailureException(
                $"--only names {string.Join(", ", unknown.Select(n => $"'{n}'"))}, not an app of stack '{stack.Stack}'",
                $"the apps of the stack are {string.Join(", ", stack.Apps.Select(a => a.App))} (the app = ... of each orch.toml)");
        }

        return [.. stack.Apps.Where(a => only.Count == 0 || only.Contains(a.App))];
    }
}
