using System.Security.Cryptography;
using Akka.Event;
using Akka.Remote.Transport.DotNetty;

namespace Orchestrator.Hosting.Tls;

/// <summary>
/// The TLS check both ends of every remoting connection run: the peer must present the cluster's own certificate.
/// Chain errors are expected (it is self-signed) and ignored; the pin is the whole check. Akka's
/// <c>CertificateValidation.PinnedCertificate</c> pins the SHA-1 thumbprint and its log line does not say how to fix
/// a refusal, so this one pins the SHA-256 hash and names the remedy.
/// </summary>
public static class ClusterPeerValidation
{
    /// <summary>The start of the line a node logs when it refuses a peer.</summary>
    public const string RefusedLogPrefix = "Refused a cluster connection with";

    public static CertificateValidationCallback PinnedTo(ClusterCertificate cluster) => (peer, _, remote, _, log) =>
    {
        if (cluster.IsClusterPeer(peer))
        {
            return true;
        }

        var presented = peer is null
            ? "no certificate"
            : $"the certificate '{peer.Subject}' with SHA-256 {Convert.ToHexString(peer.GetCertHash(HashAlgorithmName.SHA256))}";
        log.Warning(
            RefusedLogPrefix + " {0}: it presented {1}, not this cluster's certificate {2} (SHA-256 {3}). " +
            "Every node and router of a cluster needs the same --cluster-cert file.",
            remote, presented, cluster.Path, cluster.Fingerprint);
        return false;
    };
}
