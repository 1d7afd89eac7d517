using System.Diagnostics;
using System.Globalization;
using Orchestrator.Control.Contracts;
using Spectre.Console;

namespace Orchestrator.Cli.Output;

internal sealed partial class ConsoleOutput
{
    /// <summary>
    /// Shows a deploy or rollback as it happens and returns its final item, or null when the stream ended without one.
    /// People see one line per step with the elapsed time (process output dimmed); JSON mode echoes each item as NDJSON.
    /// </summary>
    public async Task<DeployProgress?> ProgressAsync(string activity, IAsyncEnumerable<DeployProgress> progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        if (!Interactive)
        {
            return await DrainAsync(progress, item => WriteProgress(item, clock.Elapsed), cancellationToken);
        }

        DeployProgress? final = null;
        await Terminal.Status().StartAsync($"{activity}…", async status =>
        {
            final = await DrainAsync(
                progress,
                item =>
                {
                    WriteProgress(item, clock.Elapsed);
                    if (item.Kind == ProgressKinds.Step)
                    {
                        status.Status($"{activity}: {Markup.Escape(item.Message)}");
                    }
                },
                cancellationToken);
        });
        return final;
    }

    private static async Task<DeployProgress?> DrainAsync(
        IAsyncEnumerable<DeployProgress> progress, Action<DeployProgress> show, CancellationToken cancellationToken)
    {
        await foreach (var item in progress.WithCancellation(cancellationToken))
        {
            show(item);
            if (item.IsFinal)
            {
                return item;
            }
        }

        return null;
    }

    private void WriteProgress(DeployProgress item, TimeSpan elapsed)
    {
        if (Json)
        {
            WriteJson(item);
            return;
        }

        if (item.Kind == ProgressKinds.Step && item.Phase == ProgressKinds.Failed)
        {
            // The final "failed" item that follows carries the same reason: one line says it.
            return;
        }

        var stamp = $"[{elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture),7} ms]";
        switch (item.Kind)
        {
            case ProgressKinds.Failed:
                // The reason (and any crash output) is what the user needs: it goes where errors go.
                _stderr.WriteLine($"{stamp} failed: {item.Message}");
                break;
            case ProgressKinds.Succeeded when Interactive:
                Terminal.MarkupLine($"{Markup.Escape(stamp)} [green]{Markup.Escape(item.Message)}[/]");
                break;
            case ProgressKinds.Output when Interactive:
                Terminal.MarkupLine($"[grey]{Markup.Escape(stamp)} {Markup.Escape(Prefix(item))}{Markup.Escape(item.Message)}[/]");
                break;
            case ProgressKinds.Output:
                PlainLine($"{stamp} {Prefix(item)}{item.Message}");
                break;
            default:
                PlainLine($"{stamp} {item.Message}");
                break;
        }
    }

    private static string Prefix(DeployProgress item) => item.DeploymentId is null ? "| " : $"{item.DeploymentId} | ";
}
