using Orchestrator.Hosting.Tls;
using Xunit;

namespace Orchestrator.Control.Tests.Cli;

/// <summary><c>orch cluster init-cert FILE</c> writes the file every node of a cluster is given with <c>--cluster-cert</c>.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ClusterInitCertTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("orch-init-cert-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task InitCert_NewFile_WritesACertificateTheNodesLoadOwnerOnly()
    {
        var path = Path.Combine(_dir, "etc", "cluster.pem");

        var run = await CliRun.InvokeAsync("cluster", "init-cert", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        using var certificate = ClusterCertificate.Load(path);
        Assert.Contains($"wrote the cluster certificate {path} (mode 600, SHA-256 {certificate.Fingerprint})", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"--cluster-cert {path}", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitCert_ExistingFile_ExitsOneAndKeepsIt()
    {
        var path = Path.Combine(_dir, "cluster.pem");
        await CliRun.InvokeAsync("cluster", "init-cert", path);
        var before = await File.ReadAllTextAsync(path);

        var run = await CliRun.InvokeAsync("cluster", "init-cert", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{path} already exists", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--force", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task InitCert_ExistingFileWithForce_WritesANewOne()
    {
        var path = Path.Combine(_dir, "cluster.pem");
        await CliRun.InvokeAsync("cluster", "init-cert", path);
        var before = await File.ReadAllTextAsync(path);

        var run = await CliRun.InvokeAsync("cluster", "init-cert", "--force", path);

        Assert.Equal(0, run.ExitCode);
        Assert.NotEqual(before, await File.ReadAllTextAsync(path));
        ClusterCertificate.Load(path).Dispose();
    }
}
