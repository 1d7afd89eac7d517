using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Orchestrator.Hosting.Tls;
using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.Hardening;

/// <summary>
/// The cluster port accepts only peers that hold the cluster's certificate. A root daemon (a cluster of one on SQLite,
/// its remoting port on 127.0.0.1) serves an app; another local user, a bare TLS client without a certificate and
/// one with a certificate of its own all try to get in, and none does.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ClusterCertificateTests : IAsyncLifetime
{
    private static readonly TimeSpan IntruderGivesUp = TimeSpan.FromSeconds(90);

    private readonly TestApp _app = TestApp.Create("guarded");
    private readonly int _clusterPort = FreePorts.Any();
    private OrchEnvironment _root = null!;

    public async Task InitializeAsync()
    {
        _root = await OrchEnvironment.StartAsync(daemonArguments: ["--cluster-port", $"{_clusterPort}"]);
        await _root.DeployOkAsync(_app, "r1");
    }

    public async Task DisposeAsync() => await _root.DisposeAsync();

    [Fact]
    public async Task ClusterOfOne_FirstStart_CreatesItsCertificateForItsOwnerOnly()
    {
        var path = Path.Combine(_root.StateDirectory, "cluster.pem");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        using var certificate = ClusterCertificate.Load(path);
        Assert.True(certificate.Certificate.HasPrivateKey);
        Assert.Contains($"akka.ssl.tcp://orch@127.0.0.1:{_clusterPort}", (await _root.ClusterAsync()).Self, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Intruder_UnprivilegedUserWithItsOwnCertificate_IsRefusedAtTheHandshakeAndNeverJoins()
    {
        await using var user = await UnprivilegedUser.CreateAsync();
        await using var redis = await RedisServer.StartAsync();
        var ownCertificate = Path.Combine(user.Home, "own.pem");
        var initCert = await RunAsAsync(user, ["cluster", "init-cert", ownCertificate]);
        Assert.True(initCert.ExitCode == 0, $"the intruder's init-cert: {initCert}");
        Assert.Equal($"{await user.UidAsync()}", await OwnerOfAsync(ownCertificate));

        var intruder = await RunAsAsync(
            user,
            ["daemon", "--state-dir", Path.Combine(user.Home, "state"), "--control", Path.Combine(user.Home, "orch.sock"),
             "--journal", redis.JournalUri, "--seed", $"127.0.0.1:{_clusterPort}", "--cluster-cert", ownCertificate]);

        // The intruder's daemon really ran as that user, reached the root's port, and gave up without joining.
        Assert.Equal(1, intruder.ExitCode);
        Assert.Contains("this node stopped before it joined the cluster", intruder.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{ClusterPeerValidation.RefusedLogPrefix} ssl.tcp://orch@127.0.0.1:{_clusterPort}", intruder.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(" ready: control ", intruder.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Welcome from", intruder.Output, StringComparison.Ordinal);

        // The root daemon refused it at the handshake, said so, and carries on alone, still serving its app.
        using (var intruderCertificate = ClusterCertificate.Load(ownCertificate))
        {
            await AssertRootLoggedRefusalAsync(intruderCertificate.Fingerprint);
        }

        await AssertRootAloneAndServingAsync();
    }

    [Fact]
    public async Task Peer_PresentingNoCertificate_IsRefusedAtTheHandshake()
    {
        var accepted = await TlsPeerAsync(clientCertificate: null);

        Assert.False(accepted, "the root daemon kept a connection from a peer without a certificate");
        await Eventually.TrueAsync(
            () => Task.FromResult(_root.ReadDaemonLog().Contains("did not provide a certificate", StringComparison.Ordinal)),
            "the root daemon to log the refused handshake");
        await AssertRootAloneAndServingAsync();
    }

    [Fact]
    public async Task Peer_PresentingAnotherSelfSignedCertificate_IsRefusedAndLoggedWithItsFingerprint()
    {
        using var other = await ClusterCertificateFixture.CreateAsync();
        using var otherCertificate = ClusterCertificate.Load(other.Path);

        var accepted = await TlsPeerAsync(otherCertificate.Certificate);

        Assert.False(accepted, "the root daemon kept a connection from a peer with another certificate");
        await AssertRootLoggedRefusalAsync(otherCertificate.Fingerprint);
        await AssertRootAloneAndServingAsync();
    }

    [Fact]
    public async Task Peer_PresentingTheClusterCertificate_CompletesTheHandshake()
    {
        // The control case of the two above: the same client with the cluster's own certificate is let in.
        using var cluster = ClusterCertificate.Load(Path.Combine(_root.StateDirectory, "cluster.pem"));

        Assert.True(await TlsPeerAsync(cluster.Certificate), "the root daemon refused a peer holding the cluster's certificate");
    }

    private async Task AssertRootLoggedRefusalAsync(string fingerprint) =>
        await Eventually.TrueAsync(
            () => Task.FromResult(_root.ReadDaemonLog().Split('\n').Any(line =>
                line.Contains(ClusterPeerValidation.RefusedLogPrefix, StringComparison.Ordinal)
                && line.Contains(fingerprint, StringComparison.Ordinal))),
            $"the root daemon to log that it refused the certificate {fingerprint}");

    private async Task AssertRootAloneAndServingAsync()
    {
        var cluster = await _root.ClusterAsync();
        // The root daemon alone: its router process is no member, and reports through the daemon's feed.
        var member = Assert.Single(cluster.Members);
        Assert.Equal(cluster.Self, member.Address);
        Assert.Equal("up", member.Status);
        var router = Assert.Single((await _root.StatusAsync()).Routers ?? []);
        Assert.Equal((member.Address, _root.RouterPid()), (router.Node, router.Pid));
        Assert.Contains("\"revision\":\"r1\"", await DeployHarness.GetAsync(_app.BaseUri), StringComparison.Ordinal);
    }

    /// <summary>
    /// A bare TLS client on the root's cluster port: true when the root kept the connection open after the handshake
    /// (it let the peer in), false when the handshake failed or the root closed the connection.
    /// </summary>
    private async Task<bool> TlsPeerAsync(X509Certificate2? clientCertificate)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, _clusterPort);
        await using var tls = new SslStream(tcp.GetStream());
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "127.0.0.1",
                ClientCertificates = clientCertificate is null ? null : [clientCertificate],
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            });
            // With TLS 1.3 the server judges the client's certificate after the client's side is done: a refusal
            // arrives as an alert or a closed connection on the first read. An accepted peer just sees silence.
            using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var read = await tls.ReadAsync(new byte[1], quiet.Token);
            return read > 0;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
        {
            return false;
        }
    }

    private static async Task<CliResult> RunAsAsync(UnprivilegedUser user, string[] arguments)
    {
        var start = user.StartInfo(
            DotnetHost,
            [Path.Combine(user.Binaries, "orch.dll"), .. arguments],
            new Dictionary<string, string> { ["NO_COLOR"] = "1" });
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(IntruderGivesUp);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"orch {string.Join(' ', arguments)} as {user.Name} did not finish within {IntruderGivesUp}: {await stdout}{await stderr}");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    private static async Task<string> OwnerOfAsync(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%u", path]) { RedirectStandardOutput = true })!;
        var owner = await stat.StandardOutput.ReadToEndAsync();
        await stat.WaitForExitAsync();
        return owner.Trim();
    }

    private static string DotnetHost => Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet"
        ? path
        : "dotnet";
}
