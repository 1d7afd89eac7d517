using System.Diagnostics;
using System.Net.Sockets;

namespace Orchestrator.Integration.Tests.Harness;

/// <summary>
/// A real nginx (Debian's) on a free loopback port, in a temporary directory of its own (config, pid file, logs,
/// temp paths), serving the front-door config the README documents, <c>deploy/nginx/orch.conf</c>, pointed at a router.
/// </summary>
internal sealed class NginxServer : IAsyncDisposable
{
    /// <summary>The address the documented config proxies to and the port it listens on, replaced for a test.</summary>
    private const string DocumentedUpstream = "server 127.0.0.1:8182;";
    private const string DocumentedListen = "listen 80;";

    private readonly Process _process;
    private readonly string _directory;

    private NginxServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}");

    public string ErrorLog => ReadOrNothing(Path.Combine(_directory, "error.log"));

    /// <summary>The documented site config as shipped with the tests (the file itself, copied to the output).</summary>
    public static string DocumentedSite => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "deploy", "nginx", "orch.conf"));

    public static async Task<NginxServer> StartAsync(int routerPort)
    {
        var port = FreePorts.Any();
        var directory = Directory.CreateTempSubdirectory("orch-nginx-").FullName;
        var config = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(config, Config(directory, Site(DocumentedSite, routerPort, port)));
        var start = new ProcessStartInfo(Binary())
        {
            ArgumentList = { "-e", Path.Combine(directory, "error.log"), "-p", directory + "/", "-c", config },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var server = new NginxServer(Process.Start(start)!, directory, port);
        await Eventually.TrueAsync(server.AcceptsAsync, $"nginx to listen on {port}", TimeSpan.FromSeconds(20));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static string Site(string documented, int routerPort, int port)
    {
        foreach (var placeholder in new[] { DocumentedUpstream, DocumentedListen })
        {
            if (documented.Split(placeholder).Length != 2)
            {
                throw new InvalidOperationException($"deploy/nginx/orch.conf must hold '{placeholder}' exactly once (the test points it at the router)");
            }
        }

        return documented
            .Replace(DocumentedUpstream, $"server 127.0.0.1:{routerPort};", StringComparison.Ordinal)
            .Replace(DocumentedListen, $"listen 127.0.0.1:{port};", StringComparison.Ordinal);
    }

    /// <summary>One process, in the foreground, everything it writes inside <paramref name="directory"/>.</summary>
    private static string Config(string directory, string site) => $$"""
        daemon off;
        master_process off;
        pid {{directory}}/nginx.pid;
        error_log {{directory}}/error.log info;
        events { worker_connections 1024; }
        http {
            access_log {{directory}}/access.log;
            client_body_temp_path {{directory}}/client_body;
            proxy_temp_path {{directory}}/proxy;
            fastcgi_temp_path {{directory}}/fastcgi;
            uwsgi_temp_path {{directory}}/uwsgi;
            scgi_temp_path {{directory}}/scgi;
        {{site}}
        }
        """;

    private static string Binary()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/sbin")
            .Select(dir => Path.Combine(dir, "nginx"))
            .FirstOrDefault(File.Exists);
        return path ?? throw new InvalidOperationException("nginx is not installed: apt-get install -y nginx-light (.ci/run does)");
    }

    private async Task<bool> AcceptsAsync()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"nginx exited with {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync()} {ErrorLog}");
        }

        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", Port);
        return true;
    }

    private static string ReadOrNothing(string path) => File.Exists(path) ? File.ReadAllText(path) : "(no log)";
}
