using System.Globalization;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Control.Client;

/// <summary>Typed client of the control API over its unix socket; one method per route.</summary>
internal sealed class ControlClient(string socketPath) : IDisposable
{
    private readonly HttpClient _http = UnixSocketHttp.Create(socketPath);

    public string SocketPath { get; } = socketPath;

    public Task<DaemonInfo> HealthAsync(CancellationToken cancellationToken) =>
        SendAsync<DaemonInfo>(HttpMethod.Get, "v1/health", body: null, cancellationToken);

    public IAsyncEnumerable<DeployProgress> DeployAsync(DeployRequest request, CancellationToken cancellationToken) =>
        StreamAsync<DeployProgress>(HttpMethod.Post, "v1/deploy", JsonContent.Create(request, ControlJson.TypeInfo<DeployRequest>()), cancellationToken);

    public IAsyncEnumerable<DeployProgress> RollbackAsync(RollbackRequest request, CancellationToken cancellationToken) =>
        StreamAsync<DeployProgress>(HttpMethod.Post, "v1/rollback", JsonContent.Create(request, ControlJson.TypeInfo<RollbackRequest>()), cancellationToken);

    public Task<StatusResponse> StatusAsync(string? app, CancellationToken cancellationToken) =>
        SendAsync<StatusResponse>(HttpMethod.Get, "v1/status" + Query(("app", app)), body: null, cancellationToken);

    public Task<CommandResult> StopAsync(StopRequest request, CancellationToken cancellationToken) =>
        SendAsync<CommandResult>(HttpMethod.Post, "v1/stop", JsonContent.Create(request, ControlJson.TypeInfo<StopRequest>()), cancellationToken);

    public Task<ClusterStatus> ClusterAsync(CancellationToken cancellationToken) =>
        SendAsync<ClusterStatus>(HttpMethod.Get, "v1/cluster", body: null, cancellationToken);

    public Task<CommandResult> DownAsync(DownRequest request, CancellationToken cancellationToken) =>
        SendAsync<CommandResult>(HttpMethod.Post, "v1/cluster/down", JsonContent.Create(request, ControlJson.TypeInfo<DownRequest>()), cancellationToken);

    public Task<RouterRestartResult> RestartRouterAsync(CancellationToken cancellationToken) =>
        SendAsync<RouterRestartResult>(HttpMethod.Post, "v1/router/restart", body: null, cancellationToken);

    public Task<CommandResult> ShutdownAsync(CancellationToken cancellationToken) =>
        SendAsync<CommandResult>(HttpMethod.Post, "v1/shutdown", body: null, cancellationToken);

    public IAsyncEnumerable<LogLine> LogsAsync(LogsRequest request, CancellationToken cancellationToken) =>
        StreamAsync<LogLine>(
            HttpMethod.Get,
            "v1/logs" + Query(
                ("app", request.App),
                ("process", request.ProcessId),
                ("deployment", request.DeploymentId),
                ("lines", request.Lines.ToString(CultureInfo.InvariantCulture)),
                ("follow", request.Follow ? "true" : "false")),
            body: null,
            cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? body, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(method, path, body, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync(ControlJson.TypeInfo<T>(), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"the daemon answered {method} /{path} with an empty body");
    }

    private async IAsyncEnumerable<T> StreamAsync<T>(
        HttpMethod method, string path, HttpContent? body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(method, path, body, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            yield return JsonSerializer.Deserialize(line, ControlJson.TypeInfo<T>())
                ?? throw new InvalidDataException($"the daemon sent a null line in {method} /{path}");
        }
    }

    private async Task<HttpResponseMessage> SendCoreAsync(
        HttpMethod method, string path, HttpContent? body, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        if (!File.Exists(SocketPath))
        {
            throw new DaemonNotRunningException(SocketPath);
        }

        using var request = new HttpRequestMessage(method, path) { Content = body };
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.AccessDenied })
        {
            throw new UnauthorizedAccessException(
                $"permission denied on the control socket {SocketPath}; run as the daemon's user or start it with a wider --socket-mode", ex);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConnectionError)
        {
            throw new DaemonNotRunningException(SocketPath, ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw new ControlApiException((int)response.StatusCode, await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false));
        }
    }

    private static async Task<ControlError> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize(text, ControlJson.TypeInfo<ControlError>())
                ?? new ControlError($"the daemon answered {(int)response.StatusCode} with an empty body");
        }
        catch (JsonException)
        {
            // Not one of ours (a proxy, an older daemon): still show what came back.
            return new ControlError($"the daemon answered {(int)response.StatusCode} {response.ReasonPhrase}: {text}");
        }
    }

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var pairs = parameters
            .Where(p => p.Value is not null)
            .Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}")
            .ToArray();
        return pairs.Length == 0 ? "" : "?" + string.Join('&', pairs);
    }
}
