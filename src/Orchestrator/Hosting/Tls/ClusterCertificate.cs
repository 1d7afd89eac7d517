using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orchestrator.Actors;

namespace Orchestrator.Hosting.Tls;

/// <summary>
/// The certificate and private key that every node and router of one cluster shares. Remoting runs mutual TLS with
/// it and accepts only a peer that presents this very certificate, pinned by its SHA-256 hash: it is self-signed, so
/// there is no CA chain to check. Loaded from one PEM file (certificate and unencrypted key) that only its owner can
/// read. Everything that joins the cluster (the daemon's node, a router process) loads it through here.
/// </summary>
public sealed class ClusterCertificate : IDisposable
{
    public const string EnvironmentVariable = "ORCH_CLUSTER_CERT";

    private const UnixFileMode OthersAccess = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly byte[] _hash;

    private ClusterCertificate(X509Certificate2 certificate, string path)
    {
        Certificate = certificate;
        Path = path;
        _hash = certificate.GetCertHash(HashAlgorithmName.SHA256);
    }

    /// <summary>This node's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The file it was loaded from.</summary>
    public string Path { get; }

    /// <summary>The SHA-256 fingerprint, as <c>openssl x509 -noout -fingerprint -sha256</c> prints it without colons.</summary>
    public string Fingerprint => Convert.ToHexString(_hash);

    /// <summary>The certificate a cluster of one keeps in its state directory.</summary>
    public static string DefaultPath(string stateDirectory) => System.IO.Path.Combine(stateDirectory, Defaults.ClusterCertificateFileName);

    /// <summary>True when <paramref name="peer"/> is the cluster's certificate, not only one with the same name.</summary>
    public bool IsClusterPeer(X509Certificate? peer) =>
        peer is not null && CryptographicOperations.FixedTimeEquals(peer.GetCertHash(HashAlgorithmName.SHA256), _hash);

    /// <summary>Loads the file, or throws <see cref="ClusterCertificateException"/> saying what is wrong with it and how to fix it.</summary>
    public static ClusterCertificate Load(string path)
    {
        string pem;
        try
        {
            if (!OperatingSystem.IsWindows() && File.GetUnixFileMode(path) is var mode && (mode & OthersAccess) != 0)
            {
                throw new ClusterCertificateException(
                    $"the cluster certificate {path} can be read by other users (mode {Octal(mode)}); whoever reads its key can join the cluster: chmod 600 {path}");
            }

            pem = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ClusterCertificateException(
                $"the cluster certificate {path} does not exist; create one with `orch cluster init-cert {path}` and give the same file to every node");
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new ClusterCertificateException($"the cluster certificate {path} cannot be read ({e.Message}); the daemon's user must own it, mode 600");
        }

        var certificate = Parse(path, pem);
        var (notBefore, notAfter) = (certificate.NotBefore, certificate.NotAfter);
        if (DateTime.Now is var now && (now < notBefore || now > notAfter))
        {
            certificate.Dispose();
            throw new ClusterCertificateException(
                $"the cluster certificate {path} is valid only from {notBefore:u} to {notAfter:u}; " +
                $"create a new one with `orch cluster init-cert --force {path}` and give it to every node");
        }

        return new ClusterCertificate(certificate, path);
    }

    /// <summary>The problem with the file at <paramref name="path"/>, or null when it loads.</summary>
    public static string? Problem(string path)
    {
        try
        {
            Load(path).Dispose();
            return null;
        }
        catch (ClusterCertificateException e)
        {
            return e.Message;
        }
    }

    /// <summary>A cluster of one's certificate: the state directory's, created on first start.</summary>
    public static ClusterCertificate LoadOrCreate(string stateDirectory)
    {
        var path = DefaultPath(stateDirectory);
        if (!File.Exists(path))
        {
            ClusterCertificateFile.Write(path, overwrite: false);
        }

        return Load(path);
    }

    public void Dispose() => Certificate.Dispose();

    private static X509Certificate2 Parse(string path, string pem)
    {
        if (!pem.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            throw NotACertificateAndKey(path, "it holds no certificate (-----BEGIN CERTIFICATE-----)");
        }

        if (pem.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal))
        {
            throw NotACertificateAndKey(path, "its private key is encrypted, and the daemon starts unattended");
        }

        if (!pem.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            throw NotACertificateAndKey(path, "it holds no private key (-----BEGIN PRIVATE KEY-----)");
        }

        try
        {
            return X509Certificate2.CreateFromPem(pem, pem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            // ArgumentException: a key that belongs to another certificate.
            throw NotACertificateAndKey(path, e.Message.Replace(" (Parameter 'privateKey')", "", StringComparison.Ordinal).TrimEnd('.'));
        }
    }

    private static ClusterCertificateException NotACertificateAndKey(string path, string why) => new(
        $"the cluster certificate {path} is not a certificate with its private key: {why}. " +
        $"Create one with `orch cluster init-cert {path}` (or see README, Cluster certificate) and give the same file to every node");

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
