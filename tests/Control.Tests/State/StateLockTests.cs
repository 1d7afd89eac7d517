using Orchestrator.State;
using Xunit;

namespace Orchestrator.Control.Tests.State;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StateLockTests : IDisposable
{
    private readonly StateDirectory _state = new(Directory.CreateTempSubdirectory("orch-lock-").FullName);

    public void Dispose() => Directory.Delete(_state.Path, recursive: true);

    [Fact]
    public void Acquire_WhileHeld_ThrowsNamingTheHolder()
    {
        using var first = StateLock.Acquire(_state, "/run/orch/first.sock");

        var e = Assert.Throws<StateDirectoryInUseException>(() => StateLock.Acquire(_state, "/run/orch/second.sock"));

        Assert.Equal(new LockHolder(Environment.ProcessId, "/run/orch/first.sock"), e.Holder);
        Assert.Contains($"state directory {_state.Path} is in use by orch daemon pid {Environment.ProcessId} (control socket /run/orch/first.sock)", e.Message);
    }

    [Fact]
    public void Acquire_AfterTheHolderReleasedIt_TakesItAndNamesItself()
    {
        StateLock.Acquire(_state, "/run/orch/first.sock").Dispose();

        using var second = StateLock.Acquire(_state, "/run/orch/second.sock");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_state.LockPath));
        var e = Assert.Throws<StateDirectoryInUseException>(() => StateLock.Acquire(_state, "/x.sock"));
        Assert.Equal("/run/orch/second.sock", e.Holder.ControlSocket);
    }
}
