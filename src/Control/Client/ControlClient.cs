using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Orchestrator.Control.Client.Http;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Control.Client;

/// <summary>Typed client of the control API, over its unix socket or TCP; one method per route, one connection per call.</summary>
internal sealed partial class ControlClient(ControlEndpoint endpoint) : IDisposable
{
    public ControlClient(string socketPath)
        : this(new ControlEndpoint.UnixSocket(socketPath))
    {
    }

    public ControlEndpoint Endpoint { get; } = endpoint;

    public Task<DaemonInfo> HealthAsync(CancellationToken cancellationToken) =>
        SendAsync<DaemonInfo>(new("GET", "/v1/health"), cancellationToken);

    public IAsyncEnumerable<DeployProgress> DeployAsync(DeployRequest request, CancellationToken cancellationToken) =>
        StreamAsync<DeployProgress>(new("POST", "/v1/deploy", Json(request)), cancellationToken);

    public IAsyncEnumerable<DeployProgress> RollbackAsync(RollbackRequest request, CancellationToken cancellationToken) =>
        StreamAsync<DeployProgress>(new("POST", "/v1/rollback", Json(request)), cancellationToken);

    public IAsyncEnumerable<DeployProgress> PromoteAsync(PromoteRequest request, CancellationToken cancellationToken) =>
        StreamAsync<DeployProgress>(new("POST", "/v1/promote", Json(request)), cancellationToken);

    public Task<StatusResponse> StatusAsync(string? app, CancellationToken cancellationToken) =>
        SendAsync<StatusResponse>(new("GET", "/v1/status" + Query(("app", app))), cancellationToken);

    public Task<CommandResult> StopAsync(StopRequest request, CancellationToken cancellationToken) =>
        SendAsync<CommandResult>(new("POST", "/v1/stop", Json(request)), cancellationToken);

    public IAsyncEnumerable<DeployProgress> RedeployAsync(RedeployRequest request, CancellationToken cancellationToken) =>
        StreamAsync<DeployProgress>(new("POST", "/v1/redeploy", Json(request)), cancellationToken);

    public Task<CommandResult> RemoveAsync(RemoveRequest request, CancellationToken cancellationToken) =>
        SendAsync<CommandResult>(new("POST", "/v1/remove", Json(request)), cancellationToken);

    public Task<RailwayStatusResponse> RailwayStatusAsync(RailwayStatusRequest request, CancellationToken cancellationToken) =>
        SendAsync<RailwayStatusResponse>(new("POST", "/v1/railway/status", Json(request)), cancellationToken);

    public Task<ClusterStatus> ClusterAsync(CancellationToken cancellationToken) =>
        SendAsync<ClusterStatus>(new("GET", "/v1/cluster"), cancellationToken);

    public Task<CommandResult> DownAsync(DownRequest request, CancellationToken cancellationToken) =>
        SendAsync<CommandResult>(new("POST", "/v1/cluster/down", Json(request)), cancellationToken);

    public Task<RouterRestartResult> RestartRouterAsync(CancellationToken cancellationToken) =>
        SendAsync<RouterRestartResult>(new("POST", "/v1/router/restart"), cancellationToken);

    public Task<CommandResult> ShutdownAsync(CancellationToken cancellationToken) =>
        SendAsync<CommandResult>(new("POST", "/v1/shutdown"), cancellationToken);

    public IAsyncEnumerable<LogLine> LogsAsync(LogsRequest request, CancellationToken cancellationToken) =>
        StreamAsync<LogLine>(
            new("GET", "/v1/logs" + Query(
                ("app", request.App),
                ("process", request.ProcessId),
                ("deployment", request.DeploymentId),
                ("lines", request.Lines.ToString(CultureInfo.InvariantCulture)),
                ("follow", request.Follow ? "true" : "false"))),
            cancellationToken);

    /// <summary>Nothing to release: every call opens and closes its own connection.</summary>
    public void Dispose()
    {
    }

    /// <summary>Synchronous underneath (see <see cref="ControlConnection"/>): the answer is a few kilobytes away.</summary>
    private Task<T> SendAsync<T>(ControlRequest request, CancellationToken cancellationToken)
    {
        try
        {
            ControlResponse response;
            using (var connection = ControlConnection.Send(Endpoint, request, cancellationToken))
            {
                response = connection.ReadResponse(cancellationToken);
            }

            if (!response.IsSuccess)
            {
                throw Failure(response);
            }

            return Task.FromResult(response.Body.IsEmpty
                ? throw new InvalidDataException($"the daemon answered {request} with an empty body")
                : JsonSerializer.Deserialize(response.Body.Span, ControlJson.TypeInfo<T>())
                    ?? throw new InvalidDataException($"the daemon answered {request} with null"));
        }
        catch (Exception ex)
        {
            return Task.FromException<T>(ex);
        }
    }

    private async IAsyncEnumerable<T> StreamAsync<T>(ControlRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var connection = ControlConnection.Send(Endpoint, request, cancellationToken);
        await foreach (var line in connection.ReadLinesAsync(response => throw Failure(response), cancellationToken).ConfigureAwait(false))
        {
            var json = line.Span.TrimEnd("\r"u8);
            if (json.IsEmpty)
            {
                continue;
            }

            yield return JsonSerializer.Deserialize(json, ControlJson.TypeInfo<T>())
                ?? throw new InvalidDataException($"the daemon sent a null line in {request}");
        }
    }

    private static byte[] Json<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, ControlJson.TypeInfo<T>());

    private static ControlApiException Failure(ControlResponse response)
    {
        try
        {
            if (JsonSerializer.Deserialize(response.Body.Span, ControlJson.TypeInfo<ControlError>()) is { } error)
            {
                return new ControlApiException(response.StatusCode, error);
            }
        }
        catch (JsonException)
        {
            // Not one of ours (a proxy, an older daemon): still show what came back, below.
        }

        var text = Encoding.UTF8.GetString(response.Body.Span);
        return new ControlApiException(response.StatusCode, new ControlError(text.Length == 0
            ? $"the daemon answered {response.StatusCode} {response.ReasonPhrase} with an empty body"
            : $"the daemon answered {response.StatusCode} {response.ReasonPhrase}: {text}"));
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
