using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orchestrator.Hosting.Tls;
using Xunit;

namespace Orchestrator.Control.Tests.Hosting;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ClusterCertificateTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _dir = Directory.CreateTempSubdirectory("orch-cert-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Write_NewFile_LoadsWithItsKeyAndOnlyItsOwnerCanReadIt()
    {
        var path = Path.Combine(_dir, "cluster.pem");

        ClusterCertificateFile.Write(path, overwrite: false);

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
        using var certificate = ClusterCertificate.Load(path);
        Assert.True(certificate.Certificate.HasPrivateKey);
        Assert.Equal(ClusterCertificateFile.Subject, certificate.Certificate.Subject);
        Assert.True(certificate.Certificate.NotAfter > DateTime.Now.AddYears(9), $"valid only until {certificate.Certificate.NotAfter}");
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Write_ExistingFile_RefusesAndKeepsIt()
    {
        var path = Path.Combine(_dir, "cluster.pem");
        ClusterCertificateFile.Write(path, overwrite: false);
        var before = File.ReadAllText(path);

        var refused = Assert.Throws<ClusterCertificateException>(() => ClusterCertificateFile.Write(path, overwrite: false));

        Assert.Contains($"{path} already exists", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--force", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(path));
    }

    [Fact]
    public void Write_ExistingFileWithOverwrite_ReplacesItWithANewCertificateOwnerOnly()
    {
        var path = Path.Combine(_dir, "cluster.pem");
        ClusterCertificateFile.Write(path, overwrite: false);
        var old = Fingerprint(path);
        File.SetUnixFileMode(path, OwnerOnly | UnixFileMode.OtherRead);

        ClusterCertificateFile.Write(path, overwrite: true);

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
        Assert.NotEqual(old, Fingerprint(path));
    }

    [Fact]
    public void IsClusterPeer_SameFileAnotherCertificateAndNone_OnlyTheSameIsAPeer()
    {
        var ours = Path.Combine(_dir, "ours.pem");
        var theirs = Path.Combine(_dir, "theirs.pem");
        ClusterCertificateFile.Write(ours, overwrite: false);
        ClusterCertificateFile.Write(theirs, overwrite: false);
        using var cluster = ClusterCertificate.Load(ours);
        using var sameAgain = ClusterCertificate.Load(ours);
        using var other = ClusterCertificate.Load(theirs);

        Assert.True(cluster.IsClusterPeer(sameAgain.Certificate));
        Assert.False(cluster.IsClusterPeer(other.Certificate), "another certificate with the same subject must not pass");
        Assert.False(cluster.IsClusterPeer(null));
    }

    [Fact]
    public void LoadOrCreate_EmptyStateDirectory_CreatesClusterPemOnceAndReusesIt()
    {
        var state = Path.Combine(_dir, "state");
        Directory.CreateDirectory(state);

        string first;
        using (var created = ClusterCertificate.LoadOrCreate(state))
        {
            first = created.Fingerprint;
            Assert.Equal(Path.Combine(state, "cluster.pem"), created.Path);
        }

        using var again = ClusterCertificate.LoadOrCreate(state);
        Assert.Equal(first, again.Fingerprint);
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(again.Path));
    }

    [Fact]
    public void Load_MissingFile_SaysHowToCreateOne()
    {
        var path = Path.Combine(_dir, "nope.pem");

        var problem = Assert.Throws<ClusterCertificateException>(() => ClusterCertificate.Load(path)).Message;

        Assert.Contains($"the cluster certificate {path} does not exist", problem, StringComparison.Ordinal);
        Assert.Contains($"orch cluster init-cert {path}", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReadableByOthers_RefusedWithTheChmodThatFixesIt()
    {
        var path = Path.Combine(_dir, "cluster.pem");
        ClusterCertificateFile.Write(path, overwrite: false);
        File.SetUnixFileMode(path, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var problem = Assert.Throws<ClusterCertificateException>(() => ClusterCertificate.Load(path)).Message;

        Assert.Contains("can be read by other users (mode 0644)", problem, StringComparison.Ordinal);
        Assert.Contains($"chmod 600 {path}", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a pem at all\n", "it holds no certificate")]
    [InlineData("cert-only", "it holds no private key")]
    [InlineData("key-only", "it holds no certificate")]
    [InlineData("encrypted-key", "its private key is encrypted")]
    [InlineData("mismatched-key", "does not match")]
    public void Load_NotACertificateWithItsKey_RefusedSayingWhat(string content, string why)
    {
        var path = Path.Combine(_dir, "bad.pem");
        File.WriteAllText(path, Content(content));
        File.SetUnixFileMode(path, OwnerOnly);

        var problem = Assert.Throws<ClusterCertificateException>(() => ClusterCertificate.Load(path)).Message;

        Assert.Contains($"the cluster certificate {path} is not a certificate with its private key", problem, StringComparison.Ordinal);
        Assert.Contains(why, problem, StringComparison.Ordinal);
        Assert.Contains("orch cluster init-cert", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Expired_RefusedSayingHowToReplaceIt()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=orch cluster", key, HashAlgorithmName.SHA256);
        using var expired = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));
        var path = Path.Combine(_dir, "expired.pem");
        File.WriteAllText(path, expired.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem());
        File.SetUnixFileMode(path, OwnerOnly);

        var problem = Assert.Throws<ClusterCertificateException>(() => ClusterCertificate.Load(path)).Message;

        Assert.Contains("is valid only from", problem, StringComparison.Ordinal);
        Assert.Contains($"orch cluster init-cert --force {path}", problem, StringComparison.Ordinal);
    }

    private string Fingerprint(string path)
    {
        using var certificate = ClusterCertificate.Load(path);
        return certificate.Fingerprint;
    }

    private string Content(string kind)
    {
        if (kind.EndsWith('\n'))
        {
            return kind;
        }

        var one = Path.Combine(_dir, "one.pem");
        var two = Path.Combine(_dir, "two.pem");
        ClusterCertificateFile.Write(one, overwrite: true);
        ClusterCertificateFile.Write(two, overwrite: true);
        var (certificate, key) = Split(File.ReadAllText(one));
        return kind switch
        {
            "cert-only" => certificate,
            "key-only" => key,
            "encrypted-key" => certificate + EncryptedKey(),
            "mismatched-key" => certificate + Split(File.ReadAllText(two)).Key,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    private static (string Certificate, string Key) Split(string pem)
    {
        var keyStart = pem.IndexOf("-----BEGIN PRIVATE KEY-----", StringComparison.Ordinal);
        return (pem[..keyStart], pem[keyStart..]);
    }

    private static string EncryptedKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportEncryptedPkcs8PrivateKeyPem("secret", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000));
    }
}
