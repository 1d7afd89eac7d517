using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Orchestrator.Cli.Deploy;

/// <summary>
/// The revision of a release when none is given: the short git commit of the release path if it is a repository,
/// else the UTC time of the deploy, so every deployment still carries something a person can trace.
/// </summary>
internal static class ReleaseRevision
{
    private static readonly TimeSpan GitTimeout = TimeSpan.FromSeconds(5);

    public static async Task<string> DetectAsync(string releasePath, TimeProvider time, CancellationToken cancellationToken) =>
        await GitShortHeadAsync(releasePath, cancellationToken)
        ?? time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);

    private static async Task<string?> GitShortHeadAsync(string releasePath, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList = { "-C", releasePath, "rev-parse", "--short", "HEAD" },
        };
        Process? git;
        try
        {
            git = Process.Start(start);
        }
        catch (Win32Exception)
        {
            return null; // git is not installed: not a repository as far as we can tell
        }

        if (git is null)
        {
            return null;
        }

        using (git)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(GitTimeout);
            var output = git.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = git.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await git.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                git.Kill(entireProcessTree: true);
                return null;
            }

            var head = (await output).Trim();
            await errors;
            return git.ExitCode == 0 && head.Length > 0 ? head : null;
        }
    }
}
