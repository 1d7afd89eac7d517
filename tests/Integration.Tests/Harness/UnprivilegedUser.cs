using System.Diagnostics;

namespace Orchestrator.Integration.Tests.Harness;

/// <summary>
/// A real unprivileged user, made with <c>useradd</c> for one test and removed with <c>userdel -r</c> afterwards,
/// whose home is a fresh directory it owns. Commands run as it through <c>runuser</c>. Where the tests do not run as
/// root it is the tests' own user with a fresh directory: the next best stand-in for another local user.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class UnprivilegedUser : IAsyncDisposable
{
    private readonly bool _created;
    private string? _binaries;

    private UnprivilegedUser(string name, string home, bool created)
    {
        Name = name;
        Home = home;
        _created = created;
    }

    public string Name { get; }

    /// <summary>Its home directory: the one place it can write.</summary>
    public string Home { get; }

    /// <summary>Whether this test process can create users (it runs as root).</summary>
    public static bool CanCreate => Environment.UserName == "root" && File.Exists("/usr/sbin/useradd");

    public static async Task<UnprivilegedUser> CreateAsync()
    {
        var name = $"orch-it-{Guid.NewGuid():N}"[..20];
        var home = Path.Combine(Path.GetTempPath(), name);
        if (!CanCreate)
        {
            Directory.CreateDirectory(home);
            return new UnprivilegedUser(Environment.UserName, home, created: false);
        }

        await RunAsync("useradd", "--no-create-home", "--home-dir", home, "--shell", "/bin/sh", "--user-group", name);
        var user = new UnprivilegedUser(name, home, created: true);
        try
        {
            Directory.CreateDirectory(home);
            await RunAsync("chown", $"{name}:{name}", home);
            File.SetUnixFileMode(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return user;
        }
        catch
        {
            await user.DisposeAsync();
            throw;
        }
    }

    /// <summary>A start of <paramref name="command"/> as this user, in its home, with <paramref name="environment"/> set.</summary>
    public ProcessStartInfo StartInfo(string command, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(_created ? "/usr/sbin/runuser" : "/usr/bin/env")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Home,
        };
        var asUser = _created ? new[] { "-u", Name, "--", "/usr/bin/env" } : [];
        foreach (var argument in asUser.Concat([$"HOME={Home}", $"DOTNET_CLI_HOME={Home}"])
                     .Concat(environment.Select(e => $"{e.Key}={e.Value}")).Append(command).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>The tests' own binaries (<c>orch.dll</c> among them), copied where this user can load them.</summary>
    public string Binaries => _binaries ??= CopyOf(AppContext.BaseDirectory);

    /// <summary>
    /// A copy of <paramref name="directory"/> (the built binaries) in this user's home: the checkout may lie under a
    /// directory only root can enter (CI's clone, <c>mktemp -d</c>), where the user could not load them.
    /// </summary>
    private string CopyOf(string directory)
    {
        var copy = Path.Combine(Home, Path.GetFileName(Path.TrimEndingDirectorySeparator(directory)));
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(directory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }

    /// <summary>The user's numeric id, as <c>stat</c> and <c>/proc/PID/status</c> show it.</summary>
    public async Task<int> UidAsync() => int.Parse((await RunAsync("id", "-u", Name)).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        // Whatever it left running goes first; then the user and its home.
        LeftoverProcesses.KillUnder(Home);
        if (_created)
        {
            await RunAsync("userdel", ["--remove", "--force", Name], [0, 6, 12]);
        }

        if (Directory.Exists(Home))
        {
            Directory.Delete(Home, recursive: true);
        }
    }

    private static Task<string> RunAsync(string command, params string[] arguments) => RunAsync(command, arguments, [0]);

    private static async Task<string> RunAsync(string command, string[] arguments, int[] okExitCodes)
    {
        var start = new ProcessStartInfo(command) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (!okExitCodes.Contains(process.ExitCode))
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} exited {process.ExitCode}: {await stderr}");
        }

        return await stdout;
    }
}
