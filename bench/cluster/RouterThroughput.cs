using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Orchestrator.Bench.Cluster;

/// <summary>
/// Part 3: <c>wrk -tT -cC -dSs</c> (keep-alive <c>GET /</c>) against one edge router, then one wrk per router against two
/// at once, summed; same app, same run.
/// </summary>
internal static partial class RouterThroughput
{
    public static async Task<ThroughputResult> RunAsync(BenchApp app, BenchSettings settings, string root, CancellationToken cancellationToken)
    {
        var one = await Task.WhenAll(WrkAsync(app.Through(0), settings, Path.Combine(root, "wrk-one-router.txt"), cancellationToken));
        Progress.Say($"one edge router: {one[0].RequestsPerSecond:0} req/s");
        var two = await Task.WhenAll(
            WrkAsync(app.Through(0), settings, Path.Combine(root, "wrk-two-routers-0.txt"), cancellationToken),
            WrkAsync(app.Through(1), settings, Path.Combine(root, "wrk-two-routers-1.txt"), cancellationToken));
        Progress.Say($"two edge routers: {two.Sum(w => w.RequestsPerSecond):0} req/s ({string.Join(" + ", two.Select(w => $"{w.RequestsPerSecond:0}"))})");
        return new ThroughputResult(one, two);
    }

    private static async Task<WrkRun> WrkAsync(Uri url, BenchSettings settings, string output, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("wrk")
        {
            ArgumentList = { $"-t{settings.WrkThreads}", $"-c{settings.WrkConnections}", $"-d{settings.WrkSeconds}s", url.AbsoluteUri },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Progress.Say($"wrk {string.Join(' ', start.ArgumentList)}");
        using var wrk = Process.Start(start)!;
        try
        {
            var stdout = wrk.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = wrk.StandardError.ReadToEndAsync(cancellationToken);
            await wrk.WaitForExitAsync(cancellationToken);
            var text = await stdout + await stderr;
            await File.WriteAllTextAsync(output, text, cancellationToken);
            if (wrk.ExitCode != 0 || RequestsPerSecond().Match(text) is not { Success: true } rate)
            {
                throw new InvalidOperationException($"wrk against {url} exited {wrk.ExitCode}: {text.Trim()}");
            }

            var non2xx = NonSuccess().Match(text) is { Success: true } n ? long.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            var socketErrors = SocketErrors().Match(text) is { Success: true } s
                ? s.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture))
                : 0;
            return new WrkRun(url, double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture), non2xx + socketErrors);
        }
        finally
        {
            if (!wrk.HasExited)
            {
                wrk.Kill();
            }
        }
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}

internal sealed record WrkRun(Uri Url, double RequestsPerSecond, long Errors);

internal sealed record ThroughputResult(IReadOnlyList<WrkRun> OneRouter, IReadOnlyList<WrkRun> TwoRouters)
{
    public double One => OneRouter.Sum(w => w.RequestsPerSecond);

    public double Two => TwoRouters.Sum(w => w.RequestsPerSecond);
}
