using Orchestrator.Hosting;
using Orchestrator.Hosting.Tls;
using Xunit;

namespace Orchestrator.Control.Tests.Hosting;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class NodeOptionsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("orch-options-").FullName;

    private static JournalChoice Redis => JournalChoice.Parse("redis://10.0.0.7:6379/2");

    private static ClusterMembership TwoNodes => ClusterMembership.ClusterOfOne with { Seeds = ["10.0.0.5:4053", "10.0.0.6:4053"] };

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Problems_ClusterOfOneOnSqlite_None()
    {
        Assert.Empty(Options().Problems());
    }

    [Fact]
    public void Problems_SeedsOnTheSqliteJournal_AsksForASharedJournal()
    {
        var options = Options() with { Cluster = TwoNodes };

        var problem = Assert.Single(options.Problems(), p => p.Contains("shared journal", StringComparison.Ordinal));

        Assert.Contains("a cluster of several nodes needs a shared journal", problem, StringComparison.Ordinal);
        Assert.Contains("--journal redis://HOST:PORT", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_SeedsOnARedisJournalWithTheClusterCertificate_None()
    {
        var certificate = Path.Combine(_dir, "cluster.pem");
        ClusterCertificateFile.Write(certificate, overwrite: false);
        var options = Options() with { Cluster = TwoNodes, Journal = Redis, ClusterCertificatePath = certificate };

        Assert.Empty(options.Problems());
    }

    [Fact]
    public void Problems_SeedsWithoutAClusterCertificate_SaysHowToMakeAndShareOne()
    {
        var options = Options() with { Cluster = TwoNodes, Journal = Redis };

        var problem = Assert.Single(options.Problems());

        Assert.Contains("a cluster of several nodes needs the cluster's certificate", problem, StringComparison.Ordinal);
        Assert.Contains("orch cluster init-cert FILE", problem, StringComparison.Ordinal);
        Assert.Contains("--cluster-cert FILE (or $ORCH_CLUSTER_CERT)", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_ClusterCertificateNotACertificate_NamesTheFile()
    {
        var path = Path.Combine(_dir, "cluster.pem");
        File.WriteAllText(path, "hello\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var options = Options() with { Cluster = TwoNodes, Journal = Redis, ClusterCertificatePath = path };

        var problem = Assert.Single(options.Problems());

        Assert.Contains($"the cluster certificate {path} is not a certificate with its private key", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_AkkaConfigFileMissing_NamesTheFile()
    {
        var missing = Path.Combine(_dir, "failure-detector.conf");
        var options = Options() with { AkkaConfigPath = missing };

        var problem = Assert.Single(options.Problems());

        Assert.Contains($"the Akka config file {missing} does not exist", problem, StringComparison.Ordinal);
        Assert.Contains("--akka-config", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_AkkaConfigFileExists_None()
    {
        var path = Path.Combine(_dir, "failure-detector.conf");
        File.WriteAllText(path, "akka.cluster.failure-detector.threshold = 12\n");

        Assert.Empty((Options() with { AkkaConfigPath = path }).Problems());
    }

    [Fact]
    public void Problems_SharedSocketModeOnASocketInsideTheStateDirectory_SaysTheGroupCannotReachIt()
    {
        var options = Options() with { ControlSocketPath = Path.Combine(_dir, "state", "orch.sock"), ControlSocketMode = "660" };

        var problem = Assert.Single(options.Problems());

        Assert.Contains("--socket-mode 660 shares the control socket, but it lies in the state directory", problem, StringComparison.Ordinal);
        Assert.Contains("--control /run/orch/orch.sock", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("orch.sock", "660")]
    [InlineData("state/orch.sock", "600")]
    public void Problems_SocketModeTheSocketCanHonour_None(string socket, string mode)
    {
        var options = Options() with { ControlSocketPath = Path.Combine(_dir, socket), ControlSocketMode = mode };

        Assert.Empty(options.Problems());
    }

    private NodeOptions Options() => new()
    {
        StateDirectory = Path.Combine(_dir, "state"),
        ControlSocketPath = Path.Combine(_dir, "orch.sock"),
    };
}
