using System.CommandLine;
using Orchestrator.Hosting.Tls;

namespace Orchestrator.CommandLine;

/// <summary><c>orch cluster init-cert FILE</c>: a new self-signed cluster certificate and key.</summary>
internal sealed class InitCertCommand : Command
{
    private static readonly Argument<string> CertificateFile = new("file")
    {
        Description = "Where to write the certificate and key (PEM, mode 600), e.g. /etc/orch/cluster.pem",
    };

    private static readonly Option<bool> Force = new("--force")
    {
        Description = "Replace an existing file (every node using the old one must get the new one)",
    };

    public InitCertCommand()
        : base("init-cert", "Write a new self-signed cluster certificate and key; give the same file to every node with --cluster-cert")
    {
        Arguments.Add(CertificateFile);
        Options.Add(Force);
        SetAction(NodeAction.Run(ExecuteAsync));
    }

    private static Task<int> ExecuteAsync(NodeConsole console, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(parseResult.GetRequiredValue(CertificateFile));
        try
        {
            ClusterCertificateFile.Write(path, parseResult.GetValue(Force));
            using var written = ClusterCertificate.Load(path);
            console.Success($"wrote the cluster certificate {path} (mode 600, SHA-256 {written.Fingerprint}); give every node and router this file with --cluster-cert {path}");
            return Task.FromResult(NodeCommandLine.Success);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new NodeFailureException($"cannot write {path}: {e.Message}", "give a path in a directory you can write");
        }
    }
}
