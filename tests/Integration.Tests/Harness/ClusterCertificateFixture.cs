namespace Orchestrator.Integration.Tests.Harness;

/// <summary>A cluster certificate made as an operator makes one, with the real <c>orch cluster init-cert FILE</c>.</summary>
internal sealed class ClusterCertificateFixture : IDisposable
{
    private readonly string _directory;

    private ClusterCertificateFixture(string directory, string path)
    {
        _directory = directory;
        Path = path;
    }

    /// <summary>The PEM file to give every node with <c>--cluster-cert</c> or <c>ORCH_CLUSTER_CERT</c>.</summary>
    public string Path { get; }

    public static async Task<ClusterCertificateFixture> CreateAsync()
    {
        var directory = Directory.CreateTempSubdirectory("orch-cert-").FullName;
        var path = System.IO.Path.Combine(directory, "cluster.pem");
        await using var orch = OrchEnvironment.CreateWithoutDaemon();
        var result = await orch.RunAsync("cluster", "init-cert", path);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"orch cluster init-cert failed: {result}");
        }

        return new ClusterCertificateFixture(directory, path);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
