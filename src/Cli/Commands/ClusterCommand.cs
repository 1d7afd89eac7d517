using System.CommandLine;
using Orchestrator.Control.Contracts;
using Orchestrator.Hosting.Tls;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orch cluster show|down|init-cert</c>: the cluster's members, taking a dead node out of it, and its certificate.</summary>
internal sealed class ClusterCommand : Command
{
    private static readonly Argument<string> Address = new("address")
    {
        Description = "The node's address as `orch cluster show` prints it, e.g. akka.ssl.tcp://orch@10.0.0.5:4053",
    };

    private static readonly Argument<string> CertificateFile = new("file")
    {
        Description = "Where to write the certificate and key (PEM, mode 600), e.g. /etc/orch/cluster.pem",
    };

    private static readonly Option<bool> Force = new("--force")
    {
        Description = "Replace an existing file (every node using the old one must get the new one)",
    };

    public ClusterCommand()
        : base("cluster", "Show the cluster's nodes, mark a dead one down, or create the cluster's certificate")
    {
        var show = new Command("show", "List the nodes with their status, roles and apps");
        show.SetAction(CliAction.Run(ShowAsync));
        Subcommands.Add(show);

        var down = new Command("down", "Mark a node down (it crashed or is cut off): its apps move to the other worker nodes");
        down.Arguments.Add(Address);
        down.SetAction(CliAction.Run(DownAsync));
        Subcommands.Add(down);

        var initCert = new Command("init-cert", "Write a new self-signed cluster certificate and key; give the same file to every node with --cluster-cert");
        initCert.Arguments.Add(CertificateFile);
        initCert.Options.Add(Force);
        initCert.SetAction(CliAction.Run(InitCertAsync));
        Subcommands.Add(initCert);
    }

    private static async Task<int> ShowAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = cli.CreateClient();
        cli.Output.Cluster(await client.ClusterAsync(cancellationToken));
        return OrchCli.Success;
    }

    private static async Task<int> DownAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = cli.CreateClient();
        var result = await client.DownAsync(new DownRequest(parseResult.GetRequiredValue(Address)), cancellationToken);
        cli.Output.Result(result);
        return result.Ok ? OrchCli.Success : OrchCli.Failure;
    }

    private static Task<int> InitCertAsync(CliContext cli, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(parseResult.GetRequiredValue(CertificateFile));
        try
        {
            ClusterCertificateFile.Write(path, parseResult.GetValue(Force));
            using var written = ClusterCertificate.Load(path);
            cli.Output.Success($"wrote the cluster certificate {path} (mode 600, SHA-256 {written.Fingerprint}); give every node and router this file with --cluster-cert {path}");
            return Task.FromResult(OrchCli.Success);
        }
        catch (ClusterCertificateException e)
        {
            throw new CliFailureException(e.Message);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new CliFailureException($"cannot write {path}: {e.Message}", "give a path in a directory you can write");
        }
    }
}
