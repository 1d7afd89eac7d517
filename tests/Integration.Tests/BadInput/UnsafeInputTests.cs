using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Orchestrator.Integration.Tests.Harness;
using Xunit;

namespace Orchestrator.Integration.Tests.BadInput;

/// <summary>
/// Input the daemon must refuse up front: ids that cannot name an actor or a directory, and requests over the limits.
/// Each refusal is a 4xx that says what is allowed, and the daemon stays healthy afterwards.
/// </summary>
public sealed class UnsafeInputTests : IAsyncLifetime
{
    private const string AllowedCharacters = "ASCII letters, digits, '-', '_' and '.'";
    private OrchEnvironment _orch = null!;

    public async Task InitializeAsync() => _orch = await OrchEnvironment.StartAsync();

    public async Task DisposeAsync() => await _orch.DisposeAsync();

    [Fact]
    public async Task Deploy_DeploymentIdThatIsNotOnePathSegment_Gets400NamingTheAllowedCharactersAndTheDaemonStaysHealthy()
    {
        var app = TestApp.Create("badids");
        var release = app.WriteRelease(_orch.Root, "r1");
        using var client = UnixSocketHttp.Create(_orch.ControlSocket);

        foreach (var id in new[] { "a/b", "a b", "a$b", "déploiement", "..", "../../escape" })
        {
            using var response = await client.PostAsJsonAsync("/v1/deploy", new
            {
                configToml = app.Toml,
                configPath = Path.Combine(release, "orch.toml"),
                releasePath = release,
                revision = (string?)null,
                deploymentId = id,
            });

            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{id}: {(int)response.StatusCode} {body}");
            Assert.Contains(AllowedCharacters, body);
        }

        var cli = await _orch.RunAsync("deploy", "--config", Path.Combine(release, "orch.toml"), "--release-path", release, "--deployment-id", "a/b");
        Assert.Equal(2, cli.ExitCode);
        Assert.Contains(AllowedCharacters, cli.Output);

        var status = await _orch.RunAsync("status");
        Assert.True(status.ExitCode == 0, status.ToString());
        await _orch.DeployOkAsync(app, "r2");
        Assert.Contains("\"revision\":\"r2\"", await DeployHarness.GetAsync(app.BaseUri));
        Assert.False(Directory.Exists(Path.Combine(_orch.StateDirectory, "escape")));
        Assert.Equal([app.App], Directory.GetDirectories(Path.Combine(_orch.StateDirectory, "logs")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ControlApi_IdsInRollbackLogsAndStatus_Get400NamingTheAllowedCharacters()
    {
        using var client = UnixSocketHttp.Create(_orch.ControlSocket);

        using var rollback = await client.PostAsJsonAsync("/v1/rollback", new { app = "web", toDeploymentId = ".." });
        using var logs = await client.GetAsync("/v1/logs?app=web&deployment=..%2F..");
        using var status = await client.GetAsync("/v1/status?app=a%20b");

        foreach (var response in new[] { rollback, logs, status })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(AllowedCharacters, await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task ValidateAndDeploy_TenThousandProcesses_AreRefusedSayingTheLimit()
    {
        var app = TestApp.Create("many");
        var release = app.WriteRelease(_orch.Root, "r1");
        var config = Path.Combine(release, "orch.toml");
        var toml = new StringBuilder("app = \"many\"\n");
        for (var i = 0; i < 10_000; i++)
        {
            toml.Append(ProcessEntry(i));
        }

        await File.WriteAllTextAsync(config, toml.ToString());

        var validate = await _orch.RunAsync("validate", "--config", config);
        var deploy = await _orch.RunAsync("deploy", "--config", config, "--release-path", release);

        foreach (var result in new[] { validate, deploy })
        {
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("10000 [[process]] entries; an app has at most 64", result.Output);
        }

        Assert.True((await _orch.RunAsync("status")).ExitCode == 0);
        Assert.Empty((await _orch.StatusAsync()).Apps);
    }

    [Fact]
    public async Task ValidateAndDeploy_TwentyMegabyteConfig_AreRefusedSayingTheLimitAndTheDaemonChecksToo()
    {
        var app = TestApp.Create("huge");
        var release = app.WriteRelease(_orch.Root, "r1");
        var config = Path.Combine(release, "orch.toml");
        await File.WriteAllTextAsync(config, app.Toml + "\n# " + new string('x', 20 * 1024 * 1024) + "\n");

        var validate = await _orch.RunAsync("validate", "--config", config);
        var deploy = await _orch.RunAsync("deploy", "--config", config, "--release-path", release);

        foreach (var result in new[] { validate, deploy })
        {
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("at most 1048576 bytes (1 MiB) are accepted", result.Output);
        }

        // Under the body limit but over the config limit: the daemon refuses it itself.
        using var client = UnixSocketHttp.Create(_orch.ControlSocket);
        using var response = await client.PostAsJsonAsync("/v1/deploy", new
        {
            configToml = app.Toml + "\n# " + new string('x', 1024 * 1024) + "\n",
            configPath = config,
            releasePath = release,
            revision = (string?)null,
            deploymentId = (string?)null,
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 1048576 bytes", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ControlApi_HugeLinesEmptyStringsAndAHundredMegabyteBody_Get4xxWithMessagesAndTheDaemonStaysHealthy()
    {
        using var client = UnixSocketHttp.Create(_orch.ControlSocket);

        using var lines = await client.GetAsync("/v1/logs?lines=2147483647");
        Assert.Equal(HttpStatusCode.BadRequest, lines.StatusCode);
        Assert.Contains("at most 10000 lines", await lines.Content.ReadAsStringAsync());

        using var empty = await client.PostAsJsonAsync("/v1/deploy", new
        {
            configToml = "app = \"x\"",
            configPath = "/srv/x/orch.toml",
            releasePath = "",
            revision = (string?)null,
            deploymentId = (string?)null,
        });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("releasePath is empty", await empty.Content.ReadAsStringAsync());

        var (status, body) = await PostDeclaringBodyAsync(100 * 1024 * 1024);
        Assert.Equal(413, status);
        Assert.Contains("\"error\":\"the request body is larger than", body);

        var cli = await _orch.RunAsync("logs", "--lines", "2147483647");
        Assert.Equal(2, cli.ExitCode);
        Assert.Contains("0 to 10000 lines", cli.Output);

        using var health = await client.GetAsync("/v1/health");
        Assert.True(health.IsSuccessStatusCode);
    }

    [Fact]
    public async Task ControlApi_WrongMethodAndUnknownPath_Get405WithAllowAnd404WithMessagesAndTheDaemonStaysHealthy()
    {
        using var client = UnixSocketHttp.Create(_orch.ControlSocket);

        using var wrongMethod = await client.GetAsync("/v1/deploy");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal(["POST"], wrongMethod.Content.Headers.Allow);
        Assert.Contains("\"error\":\"/v1/deploy takes POST, not GET\"", await wrongMethod.Content.ReadAsStringAsync());

        using var unknown = await client.DeleteAsync("/v2/apps");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("\"error\":\"unknown control route DELETE /v2/apps; see `orch --help`\"", await unknown.Content.ReadAsStringAsync());

        using var health = await client.GetAsync("/v1/health");
        Assert.True(health.IsSuccessStatusCode);
    }

    /// <summary>Announces a body of <paramref name="length"/> bytes, sends a little of it, and reads what the daemon answers.</summary>
    private async Task<(int Status, string Body)> PostDeclaringBodyAsync(long length)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(_orch.ControlSocket));
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var head = $"POST /v1/deploy HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(Encoding.ASCII.GetBytes("{\"configToml\":\"" + new string('a', 64 * 1024)));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var statusLine = await reader.ReadLineAsync(timeout.Token) ?? "";
        string? line;
        while ((line = await reader.ReadLineAsync(timeout.Token)) is { Length: > 0 })
        {
            // headers
        }

        var body = new char[4096];
        var read = await reader.ReadAsync(body, timeout.Token);
        return (int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), new string(body, 0, read));
    }

    private static string ProcessEntry(int i) => $"[[process]]\nid = \"p{i}\"\ncommand = \"true\"\n";
}
