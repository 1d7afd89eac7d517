using System.Globalization;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Cli.Output;

internal sealed partial class ConsoleOutput
{
    /// <summary>Under an app's tables: each deployment's release hooks, then the app's shared dirs with their size.</summary>
    private void ReleaseLines(AppStatus app)
    {
        foreach (var deployment in app.Deployments)
        {
            foreach (var hook in deployment.Hooks ?? [])
            {
                Line($"{deployment.Id} {hook.Hook} {hook.State}: {hook.Detail ?? hook.Command}");
            }
        }

        foreach (var shared in app.SharedDirs ?? [])
        {
            Line($"shared dir {shared.Path}: {Size(shared.Bytes)} in {shared.Location}");
        }
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.##} GB"),
    };
}
