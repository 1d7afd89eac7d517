using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Orchestrator.Actors;

namespace Orchestrator.Hosting.Tls;

/// <summary>
/// Writes a new self-signed cluster certificate: an ECDSA P-256 key and its certificate in one PEM file of mode 0600,
/// the format <see cref="ClusterCertificate.Load"/> reads. Nodes pin the certificate itself, so its subject only names it.
/// </summary>
public static class ClusterCertificateFile
{
    public const string Subject = "CN=orch cluster";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Writes a new certificate to <paramref name="path"/>; an existing file is kept unless <paramref name="overwrite"/>.</summary>
    public static void Write(string path, bool overwrite)
    {
        if (!overwrite && File.Exists(path))
        {
            throw new ClusterCertificateException(
                $"{path} already exists; every node of its cluster may be using it. Give another file, or --force to replace it");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        // A new file of mode 0600 renamed over the old one: the key is never readable by others, not even for a moment,
        // and a reader never sees half a file.
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnly;
            }

            using (var file = new FileStream(temporary, options))
            {
                file.Write(Encoding.ASCII.GetBytes(CreatePem()));
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite);
        }
        catch (IOException) when (!overwrite && File.Exists(path))
        {
            throw new ClusterCertificateException($"{path} was created meanwhile by someone else; use that one, or --force to replace it");
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static string CreatePem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1", "serverAuth"), new Oid("1.3.6.1.5.5.7.3.2", "clientAuth")], critical: false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.Add(Defaults.ClusterCertificateValidity));
        return certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n";
    }
}
