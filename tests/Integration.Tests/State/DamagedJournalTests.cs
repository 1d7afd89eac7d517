using System.Globalization;
using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.State;

/// <summary>
/// A damaged or lost SQLite journal stops the daemon at start with a message naming the file and what to do; the
/// running app is never touched, <c>--accept-empty-journal</c> starts anyway, and the backup brings the app back under management.
/// </summary>
public sealed class DamagedJournalTests : IAsyncLifetime
{
    private OrchEnvironment _orch = null!;

    public async Task InitializeAsync() => _orch = await OrchEnvironment.StartAsync();

    public async Task DisposeAsync() => await _orch.DisposeAsync();

    private string JournalPath => Path.Combine(_orch.StateDirectory, "journal.db");
    private string BackupPath => Path.Combine(_orch.StateDirectory, "journal.db.backup");

    [Fact]
    public async Task Daemon_OnADamagedOrLostJournal_RefusesToStart_TheAppKeepsServing_AndTheBackupRestoresIt()
    {
        var app = TestApp.Create("damaged");
        await _orch.DeployOkAsync(app, "r1");
        var deployment = (await _orch.AppAsync(app.App)).Deployment("r1");
        var pid = deployment.Processes.Single(p => p.Id == "web").Pid!.Value.ToString(CultureInfo.InvariantCulture);
        var appUri = new Uri($"http://127.0.0.1:{deployment.Ports["web"]}/");
        await _orch.KillDaemonAsync();
        await _orch.StartDaemonAsync(); // backs the sound journal up
        await _orch.KillDaemonAsync(); // as in a crash: the app keeps running
        var good = await File.ReadAllBytesAsync(JournalPath);
        Assert.True(File.Exists(BackupPath), "no journal backup was taken at start");

        var damages = new (string Name, byte[]? Bytes, string Expected)[]
        {
            ("half-truncated", good[..(good.Length / 2)], "cannot be read"),
            ("flipped bytes", FlipFirstByteOfEveryPageAfterTheFirst(good), "cannot be read"),
            ("random bytes", RandomBytes(good.Length), "cannot be read"),
            ("truncated to 0 bytes", [], "--accept-empty-journal"),
            ("deleted", null, "--accept-empty-journal"),
        };
        foreach (var (name, bytes, expected) in damages)
        {
            if (bytes is null)
            {
                File.Delete(JournalPath);
            }
            else
            {
                await File.WriteAllBytesAsync(JournalPath, bytes);
            }

            var start = await _orch.RunAsync("daemon");

            Assert.True(start.ExitCode == 2, $"{name}: the daemon did not refuse to start: {start}");
            Assert.True(start.Stderr.Contains($"journal {JournalPath}", StringComparison.Ordinal) && start.Stderr.Contains(expected, StringComparison.Ordinal),
                $"{name}: the message does not name the journal and '{expected}': {start.Stderr}");
            Assert.True(start.Stderr.Contains($"cp {BackupPath} {JournalPath}", StringComparison.Ordinal), $"{name}: the message does not say how to restore: {start.Stderr}");
            if (bytes is not { Length: > 0 })
            {
                Assert.True(start.Stderr.Contains($"pids {pid}", StringComparison.Ordinal), $"{name}: the message does not name the running app's pid {pid}: {start.Stderr}");
            }

            var body = await DeployHarness.GetAsync(appUri);
            Assert.True(body.Contains($"\"pid\":{pid}", StringComparison.Ordinal), $"{name}: the app process stopped serving: {body}");
        }

        // Told to, it starts empty, leaves the app alone, and keeps the backup its own backups would replace.
        var accepted = _orch.StartAsync("daemon", "--accept-empty-journal");
        await Eventually.TrueAsync(async () => accepted.IsCompleted || (await _orch.RunAsync("status")).ExitCode == 0,
            "the daemon started with --accept-empty-journal to answer", TimeSpan.FromSeconds(60));
        Assert.False(accepted.IsCompleted, $"the daemon did not start with --accept-empty-journal: {(accepted.IsCompleted ? await accepted : null)}");
        Assert.Empty((await _orch.StatusAsync()).Apps);
        Assert.Equal(0, (await _orch.RunAsync("shutdown")).ExitCode);
        var acceptedRun = await accepted;
        Assert.True(acceptedRun.ExitCode == 0, $"the daemon on an accepted empty journal did not stop cleanly: {acceptedRun}");
        Assert.Contains($"pids {pid} keep running unmanaged", acceptedRun.Stderr);
        Assert.Contains($"\"pid\":{pid}", await DeployHarness.GetAsync(appUri));
        var kept = Assert.Single(Directory.GetFiles(_orch.StateDirectory, "journal.db.backup.before-empty-*"));
        Assert.Contains($"kept as {kept}", acceptedRun.Stderr);

        File.Copy(kept, JournalPath, overwrite: true);
        await _orch.StartDaemonAsync();

        var served = await Eventually.ValueAsync(() => DeployHarness.GetAsync(app.BaseUri), b => b.Contains("\"revision\":\"r1\"", StringComparison.Ordinal),
            "the router to serve the release recovered from the backup");
        Assert.Contains($"\"pid\":{pid}", served);
        Assert.Equal("active", (await _orch.AppAsync(app.App)).Deployment("r1").State);
    }

    /// <summary>The first byte of a b-tree page is its type: flipping it on every page but the header's corrupts the tree.</summary>
    private static byte[] FlipFirstByteOfEveryPageAfterTheFirst(byte[] database)
    {
        var pageSize = (database[16] << 8) | database[17];
        var flipped = (byte[])database.Clone();
        for (var offset = pageSize; offset < flipped.Length; offset += pageSize)
        {
            flipped[offset] ^= 0xFF;
        }

        return flipped;
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(7).NextBytes(bytes);
        return bytes;
    }
}
