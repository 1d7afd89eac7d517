using Orchestrator.Actors.Processes;
using Orchestrator.Config;
using Xunit;

namespace Orchestrator.Actors.Tests.Processes;

/// <summary>Copy-truncate rotation on real files in a temp directory, with a writer that keeps its file open in append mode.</summary>
public sealed class LogRotatorTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("orch-rotate-");
    private System.Diagnostics.Process? _writer;

    private string LogPath => Path.Combine(_dir.FullName, "web.log");

    [Fact]
    public void RotateIfFull_BelowMaxSize_LeavesTheFileAlone()
    {
        File.WriteAllText(LogPath, "small\n");

        var moved = LogRotator.RotateIfFull(LogPath, new LogsConfig { MaxSize = 1024, Keep = 2 });

        Assert.Equal(0, moved);
        Assert.Equal("small\n", File.ReadAllText(LogPath));
        Assert.Empty(LogRotator.RotatedFiles(LogPath));
    }

    [Fact]
    public void RotateIfFull_AtMaxSize_MovesTheContentToDotOneAndEmptiesTheLiveFile()
    {
        File.WriteAllText(LogPath, new string('x', 1023) + "\n");

        var moved = LogRotator.RotateIfFull(LogPath, new LogsConfig { MaxSize = 1024, Keep = 2 });
        File.AppendAllText(LogPath, "after the rotation\n");

        Assert.Equal(1024, moved);
        Assert.Equal(new string('x', 1023) + "\n", File.ReadAllText(LogPath + ".1"));
        Assert.Equal("after the rotation\n", File.ReadAllText(LogPath));
    }

    [Fact]
    public void Rotate_MoreTimesThanKeep_KeepsOnlyTheNewestCopies()
    {
        foreach (var round in new[] { "one", "two", "three", "four" })
        {
            File.AppendAllText(LogPath, $"{round}\n");
            LogRotator.Rotate(LogPath, keep: 2);
        }

        Assert.Equal([1, 2], LogRotator.RotatedFiles(LogPath).Select(r => r.Number).ToArray());
        Assert.Equal("four\n", File.ReadAllText(LogPath + ".1"));
        Assert.Equal("three\n", File.ReadAllText(LogPath + ".2"));
        Assert.Equal("", File.ReadAllText(LogPath));
        Assert.False(File.Exists(LogPath + ".rotating"));
    }

    [Fact]
    public void Rotate_CopiesLeftByALargerKeep_AreDropped()
    {
        File.WriteAllText(LogPath, "live\n");
        foreach (var n in new[] { 1, 2, 3, 7 })
        {
            File.WriteAllText($"{LogPath}.{n}", $"old {n}\n");
        }

        File.WriteAllText($"{LogPath}.backup", "not a rotated copy\n");

        LogRotator.Rotate(LogPath, keep: 2);

        Assert.Equal([1, 2], LogRotator.RotatedFiles(LogPath).Select(r => r.Number).ToArray());
        Assert.Equal("live\n", File.ReadAllText(LogPath + ".1"));
        Assert.Equal("old 1\n", File.ReadAllText(LogPath + ".2"));
        Assert.True(File.Exists($"{LogPath}.backup"));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Rotate_RotatedCopy_IsOwnerOnly()
    {
        File.WriteAllText(LogPath, "secret\n");

        LogRotator.Rotate(LogPath, keep: 1);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(LogPath + ".1"));
    }

    [Fact]
    public async Task Rotate_WhileAShellAppendsWithoutPause_NoLineTwiceAndTheWriterGoesOnAtTheNewStart()
    {
        var stop = Path.Combine(_dir.FullName, "stop");
        var count = Path.Combine(_dir.FullName, "count");
        var writer = _writer = ShellAppending($"i=0; while [ ! -e '{stop}' ]; do echo \"line $i\"; i=$((i+1)); done >>'{LogPath}'; echo $i >'{count}'");

        for (var i = 0; i < 5; i++)
        {
            Assert.True(SpinWait.SpinUntil(() => LogRotator.SizeOf(LogPath) > 16 * 1024, TimeSpan.FromSeconds(30)), "the shell to write 16KB");
            LogRotator.Rotate(LogPath, keep: 10);
        }

        await File.WriteAllTextAsync(stop, "");
        await writer.WaitForExitAsync();

        var files = LogRotator.RotatedFiles(LogPath).OrderByDescending(r => r.Number).Select(r => r.Path).Append(LogPath).ToList();
        var text = string.Concat(files.Select(File.ReadAllText));
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var written = int.Parse(await File.ReadAllTextAsync(count), System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(5, files.Count - 1);
        Assert.DoesNotContain('\0', text); // an append-mode writer never writes at its old offset after the truncate
        Assert.Equal($"line {written - 1}", lines[^1]);

        // In order and never twice. What the shell appended between the last read and the truncate is lost (two system
        // calls apart, longer when the rotating thread is descheduled there): not counted here.
        var numbers = lines.Select(l => int.Parse(l["line ".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(numbers.Zip(numbers.Skip(1)).All(pair => pair.First < pair.Second), "lines out of order or repeated");
    }

    public void Dispose()
    {
        if (_writer is { HasExited: false } writer)
        {
            writer.Kill();
        }

        _writer?.Dispose();
        _dir.Delete(recursive: true);
    }

    /// <summary>A real shell writing through <c>&gt;&gt;</c>: the file opened once with O_APPEND, as an app's log is.</summary>
    private static System.Diagnostics.Process ShellAppending(string script)
    {
        var start = new System.Diagnostics.ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        return System.Diagnostics.Process.Start(start)!;
    }
}
