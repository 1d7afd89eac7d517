namespace Orchestrator.Control.Tests;

/// <summary>A fresh, short directory for a control socket (unix socket paths are limited to ~108 bytes), removed afterwards.</summary>
internal sealed class TempSocket : IDisposable
{
    public TempSocket()
    {
        DirectoryPath = Path.Combine(Path.GetTempPath(), $"orch-ct-{Guid.NewGuid():N}"[..20]);
        Directory.CreateDirectory(DirectoryPath);
        SocketPath = Path.Combine(DirectoryPath, "orch.sock");
    }

    public string DirectoryPath { get; }

    public string SocketPath { get; }

    public void Dispose() => Directory.Delete(DirectoryPath, recursive: true);
}
