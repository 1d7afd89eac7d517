using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.State;

/// <summary>
/// The journal holds every deploy's config text (env values such as passwords), and whoever can write the control
/// socket runs commands as the daemon's user: under umask 000 they must still be owner-only.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StateModesTests : IAsyncLifetime
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private OrchEnvironment _orch = null!;

    public async Task InitializeAsync()
    {
        _orch = OrchEnvironment.CreateWithoutDaemon();
        _orch.DaemonUmask = "000";
        Directory.Delete(_orch.StateDirectory);
        await _orch.StartDaemonAsync();
    }

    public async Task DisposeAsync() => await _orch.DisposeAsync();

    [Fact]
    public async Task Daemon_UnderUmask000_KeepsTheStateDirectoryItsFilesAndTheSocketOwnerOnly()
    {
        var app = TestApp.Create("modes") with { Environment = "DB_PASSWORD = \"hunter2\"" };
        await _orch.DeployOkAsync(app, "r1");
        await _orch.KillDaemonAsync();
        await _orch.StartDaemonAsync(); // a sound journal is backed up at start

        var state = _orch.StateDirectory;
        var problems = new List<string>();
        Expect(state, OwnerOnlyDirectory);
        Expect(Path.Combine(state, "journal.db"), OwnerOnlyFile);
        Expect(Path.Combine(state, "journal.db.backup"), OwnerOnlyFile);
        Expect(Path.Combine(state, "daemon.lock"), OwnerOnlyFile);
        Expect(_orch.ControlSocket, OwnerOnlyFile);
        foreach (var side in new[] { "-journal", "-wal", "-shm" }.Select(s => Path.Combine(state, "journal.db" + s)).Where(File.Exists))
        {
            Expect(side, OwnerOnlyFile);
        }

        var logs = Path.Combine(state, "logs");
        Expect(logs, OwnerOnlyDirectory);
        foreach (var directory in Directory.EnumerateDirectories(logs, "*", SearchOption.AllDirectories))
        {
            Expect(directory, OwnerOnlyDirectory);
        }

        var logFiles = Directory.EnumerateFiles(logs, "*", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(logFiles);
        foreach (var file in logFiles)
        {
            Expect(file, OwnerOnlyFile);
        }

        Assert.True(problems.Count == 0, "not owner-only under umask 000:\n" + string.Join('\n', problems));

        void Expect(string path, UnixFileMode mode)
        {
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                problems.Add($"{path} does not exist");
                return;
            }

            var actual = File.GetUnixFileMode(path);
            if (actual != mode)
            {
                problems.Add($"{path} is {Octal(actual)}, expected {Octal(mode)}");
            }
        }
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8);
}
