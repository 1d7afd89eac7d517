using System.ComponentModel;
using System.Diagnostics;

namespace Orchestrator.Actors.Processes;

/// <summary>
/// Starts a <see cref="ProcessSpec"/> as its own session and process group, with both streams appended to its log file.
/// </summary>
/// <remarks>
/// The app must outlive a crash of the daemon (a new daemon adopts it), so nothing is piped to us: a dead pipe would
/// SIGPIPE the app. .NET cannot call setsid between fork and exec, so the command runs through util-linux
/// <c>setsid</c>, which does not fork when its caller is not a group leader; both it and <c>sh</c> exec, so
/// <see cref="Process.Id"/> is the app's pid and its process group id. The command is one command line run with
/// <c>exec</c>; a pipeline or a <c>cd … &amp;&amp;</c> chain must be wrapped in <c>sh -c '…'</c> by the user.
/// </remarks>
internal static class ProcessLauncher
{
    public const string SetsidPath = "/usr/bin/setsid";
    public const string ShellPath = "/bin/sh";
    public const string LogFileVariable = "ORCH_LOG_FILE";
    public const string CgroupVariable = "ORCH_CGROUP";

    /// <summary>The exit code <c>sh</c> uses for "command not found".</summary>
    public const int CommandNotFoundExitCode = 127;

    /// <summary>The exit code <c>sh</c> uses for "found but not executable".</summary>
    public const int NotExecutableExitCode = 126;

    private const UnixFileMode LogDirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode LogFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const string Script = $"exec </dev/null >>\"${LogFileVariable}\" 2>&1; exec ";

    // Joins its cgroup before the command runs, so not even its first child can start outside; a failed write is
    // silent and the command still starts (the daemon's own join tells it whether the process is contained).
    private const string JoinCgroup = $"{{ echo $$ >\"${CgroupVariable}/cgroup.procs\"; }} 2>/dev/null; ";

    /// <summary>Starts the process, or returns why it cannot start (no exception for a user's mistake).</summary>
    /// <param name="cgroup">The cgroup directory the process joins before its command runs, if any.</param>
    public static LaunchResult Launch(ProcessSpec spec, string? cgroup = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (OperatingSystem.IsWindows())
        {
            return LaunchResult.Failed($"apps run through {SetsidPath}, which Windows does not have");
        }

        if (!Directory.Exists(spec.WorkingDirectory))
        {
            return LaunchResult.Failed($"working directory does not exist: {spec.WorkingDirectory}");
        }

        if (string.IsNullOrWhiteSpace(spec.Command))
        {
            return LaunchResult.Failed("command is empty");
        }

        var logDirectory = Path.GetDirectoryName(Path.GetFullPath(spec.LogPath));
        try
        {
            // Owner-only whatever the umask: `sh`'s `>>` would create the log with the umask's mode.
            if (logDirectory is not null)
            {
                CreateOwnerOnlyDirectories(logDirectory);
            }

            File.Open(spec.LogPath, new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, UnixCreateMode = LogFileMode }).Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return LaunchResult.Failed($"cannot create the log file {spec.LogPath}: {e.Message}");
        }

        var info = new ProcessStartInfo(SetsidPath)
        {
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory,
        };
        info.ArgumentList.Add(ShellPath);
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add((cgroup is null ? "" : JoinCgroup) + Script + spec.Command);
        foreach (var (name, value) in spec.Environment)
        {
            info.Environment[name] = value;
        }

        info.Environment[LogFileVariable] = Path.GetFullPath(spec.LogPath);
        if (cgroup is not null)
        {
            info.Environment[CgroupVariable] = cgroup;
        }

        try
        {
            var process = Process.Start(info);
            return process is null
                ? LaunchResult.Failed($"could not start {SetsidPath}")
                : LaunchResult.Started(process);
        }
        catch (Win32Exception e)
        {
            return LaunchResult.Failed($"could not start {SetsidPath}: {e.Message}");
        }
    }

    /// <summary>Creates every missing directory of the path 0700 (<c>Directory.CreateDirectory</c> gives the mode to the last one only).</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void CreateOwnerOnlyDirectories(string directory)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        if (Path.GetDirectoryName(directory) is { } parent)
        {
            CreateOwnerOnlyDirectories(parent);
        }

        Directory.CreateDirectory(directory, LogDirectoryMode);
    }

    /// <summary>The first word of a command line, for error messages ("command not found: foo").</summary>
    public static string Program(string command)
    {
        var trimmed = command.TrimStart();
        var end = trimmed.IndexOfAny([' ', '\t']);
        return end < 0 ? trimmed : trimmed[..end];
    }
}

/// <summary>A started process, or the reason it did not start.</summary>
internal sealed record LaunchResult(Process? Process, string? Error)
{
    public static LaunchResult Started(Process process) => new(process, null);

    public static LaunchResult Failed(string error) => new(null, error);
}
