using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Orchestrator.Actors;
using Orchestrator.Control.Contracts;

namespace Orchestrator.Control;

/// <summary>Maps each control route onto one <see cref="IControlPlane"/> call and its answer onto JSON or NDJSON.</summary>
internal sealed partial class ControlRoutes(IControlPlane plane, ILogger logger, IdleCollector idle, CancellationToken stopping)
{
    private static readonly byte[] Newline = "\n"u8.ToArray();

    /// <summary>
    /// Maps every route, then per path a catch-all that answers 405 naming the methods the path takes, then a fallback
    /// that answers 404. Endpoints with methods win over the catch-all of the same path.
    /// </summary>
    public void Map(IEndpointRouteBuilder endpoints)
    {
        var methods = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Get(string path, Func<HttpContext, CancellationToken, Task> handle)
        {
            endpoints.MapGet(path, Guarded(handle));
            Allow(path, HttpMethods.Get);
        }

        void Post(string path, Func<HttpContext, CancellationToken, Task> handle)
        {
            endpoints.MapPost(path, Guarded(handle));
            Allow(path, HttpMethods.Post);
        }

        void Allow(string path, string method) => (methods.TryGetValue(path, out var list) ? list : methods[path] = []).Add(method);

        Get("/v1/health", (context, ct) => WriteJsonAsync(context, StatusCodes.Status200OK, plane.Info, ControlJsonTypes.DaemonInfo, ct));
        Post("/v1/deploy", DeployAsync);
        Post("/v1/stacks/deploy", StackDeployAsync);
        Get("/v1/stacks/status", StackStatusAsync);
        Post("/v1/rollback", RollbackAsync);
        Post("/v1/promote", PromoteAsync);
        Get("/v1/status", StatusAsync);
        Post("/v1/stop", StopAsync);
        Post("/v1/shutdown", ShutdownAsync);
        Get("/v1/logs", LogsAsync);
        Get("/v1/cluster", ClusterAsync);
        Post("/v1/cluster/down", DownAsync);
        Post("/v1/cluster/leave", LeaveAsync);
        Post("/v1/cluster/join", JoinAsync);
        Post("/v1/cluster/down-unreachable", DownUnreachableAsync);
        Get("/v1/cluster/tail", ClusterTailAsync);
        Get("/v1/deployments", DeploymentsAsync);
        Post("/v1/router/restart", RestartRouterAsync);
        Post("/v1/redeploy", RedeployAsync);
        Post("/v1/remove", RemoveAsync);
        Post("/v1/railway/status", RailwayStatusAsync);
        Get("/v1/sharding/regions", ShardRegionsAsync);
        Get("/v1/sharding/region-stats", RegionStatsAsync);
        Get("/v1/actors/hierarchy", ActorHierarchyAsync);
        Get("/v1/node-log", NodeLogAsync);
        Get("/v1/events", EventsAsync);

        foreach (var (path, allowed) in methods)
        {
            var allow = string.Join(", ", allowed);
            endpoints.Map(path, Guarded((context, ct) => MethodNotAllowedAsync(context, path, allow, ct)));
        }

        endpoints.MapFallback("{*path}", Guarded(UnknownRouteAsync));
    }

    private RequestDelegate Guarded(Func<HttpContext, CancellationToken, Task> handle) => async context =>
    {
        var method = context.Request.Method;
        var path = context.Request.Path.Value ?? "/";
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var ct = cancellation.Token;
        idle.Touch();
        try
        {
            await handle(context, ct);
        }
        catch (ControlPlaneException ex) when (!context.Response.HasStarted)
        {
            await WriteErrorAsync(context, ex.StatusCode, new ControlError(ex.Message, ex.Hint, ex.Details), ct);
        }
        catch (ControlRequestException ex) when (!context.Response.HasStarted)
        {
            await WriteErrorAsync(context, ex.StatusCode, new ControlError(ex.Message, ex.Hint), ct);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            // Kestrel's own refusals (a body over the limit is 413) keep their status instead of becoming a 500.
            await WriteErrorAsync(context, ex.StatusCode, BadRequestError(ex), ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away (Ctrl-C on `orch logs --follow`) or the daemon is stopping: nobody to answer.
        }
        catch (Exception ex)
        {
            ControlLog.RequestFailed(logger, method, path, ex);
            if (context.Response.HasStarted)
            {
                // Mid-stream: a truncated stream is the only honest signal left.
                context.Abort();
                return;
            }

            await WriteErrorAsync(
                context,
                StatusCodes.Status500InternalServerError,
                new ControlError($"the daemon failed to handle {method} {path}: {ex.Message}", "see the daemon log for details"),
                ct);
        }
        finally
        {
            idle.Touch();
        }
    };

    private static Task MethodNotAllowedAsync(HttpContext context, string path, string allowed, CancellationToken ct)
    {
        context.Response.Headers.Allow = allowed;
        return WriteErrorAsync(
            context,
            StatusCodes.Status405MethodNotAllowed,
            new ControlError($"{path} takes {allowed}, not {context.Request.Method}", "send the requests the `orch` CLI sends; see `orch --help`"),
            ct);
    }

    private static Task UnknownRouteAsync(HttpContext context, CancellationToken ct) => WriteErrorAsync(
        context,
        StatusCodes.Status404NotFound,
        new ControlError($"unknown control route {context.Request.Method} {context.Request.Path.Value ?? "/"}; see `orch --help`"),
        ct);

    private async Task DeployAsync(HttpContext context, CancellationToken ct)
    {
        var request = await ReadBodyAsync(context, ControlJsonTypes.DeployRequest, ct);
        ControlRequestRules.Check(request);
        await StreamAsync(context, plane.DeployAsync(request, ct), ControlJsonTypes.DeployProgress, ct);
    }

    private async Task RollbackAsync(HttpContext context, CancellationToken ct)
    {
        var request = await ReadBodyAsync(context, ControlJsonTypes.RollbackRequest, ct);
        ControlRequestRules.Check(request);
        await StreamAsync(context, plane.RollbackAsync(request, ct), ControlJsonTypes.DeployProgress, ct);
    }

    private async Task PromoteAsync(HttpContext context, CancellationToken ct)
    {
        var request = await ReadBodyAsync(context, ControlJsonTypes.PromoteRequest, ct);
        ControlRequestRules.Check(request);
        await StreamAsync(context, plane.PromoteAsync(request, ct), ControlJsonTypes.DeployProgress, ct);
    }

    private async Task RedeployAsync(HttpContext context, CancellationToken ct)
    {
        var request = await ReadBodyAsync(context, ControlJsonTypes.RedeployRequest, ct);
        ControlRequestRules.Check(request);
        await StreamAsync(context, plane.RedeployAsync(request, ct), ControlJsonTypes.DeployProgress, ct);
    }

    private async Task RemoveAsync(HttpContext context, CancellationToken ct)
    {
        var request = await ReadBodyAsync(context, ControlJsonTypes.RemoveRequest, ct);
        ControlRequestRules.Check(request);
        var result = await plane.RemoveAsync(request, ct);
        await WriteJsonAsync(context, StatusCodes.Status200OK, result, ControlJsonTypes.CommandResult, ct);
    }

    private async Task RailwayStatusAsync(HttpContext context, CancellationToken ct)
    {
        var request = await ReadBodyAsync(context, ControlJsonTypes.RailwayStatusRequest, ct);
        ControlRequestRules.Check(request);
        var status = await plane.RailwayStatusAsync(request, ct);
        await WriteJsonAsync(context, StatusCodes.Status200OK, status, ControlJsonTypes.RailwayStatusResponse, ct);
    }

    private async Task StatusAsync(HttpContext context, CancellationToken ct)
    {
        var app = QueryString(context, "app");
        ControlRequestRules.CheckStatus(app);
        var status = await plane.StatusAsync(app, ct);
        await WriteJsonAsync(context, StatusCodes.Status200OK, status, ControlJsonTypes.StatusResponse, ct);
    }

    private async Task StopAsync(HttpContext context, CancellationToken ct)
    {
        var request = await ReadBodyAsync(context, ControlJsonTypes.StopRequest, ct);
        ControlRequestRules.Check(request);
        var result = await plane.StopAsync(request, ct);
        await WriteJsonAsync(context, StatusCodes.Status200OK, result, ControlJsonTypes.CommandResult, ct);
    }

    private async Task ClusterAsync(HttpContext context, CancellationToken ct)
    {
        var cluster = await plane.ClusterAsync(ct);
        await WriteJsonAsync(context, StatusCodes.Status200OK, cluster, ControlJsonTypes.ClusterStatus, ct);
    }

    private async Task RestartRouterAsync(HttpContext context, CancellationToken ct)
    {
        var result = await plane.RestartRouterAsync(ct);
        await WriteJsonAsync(context, StatusCodes.Status200OK, result, ControlJsonTypes.RouterRestartResult, ct);
    }

    private async Task DownAsync(HttpContext context, CancellationToken ct)
    {
        var request = await ReadBodyAsync(context, ControlJsonTypes.DownRequest, ct);
        var result = await plane.DownAsync(request, ct);
        await WriteJsonAsync(context, StatusCodes.Status200OK, result, ControlJsonTypes.CommandResult, ct);
    }

    private async Task ShutdownAsync(HttpContext context, CancellationToken ct)
    {
        // Answer first: shutting down stops this server, which would cut the answer off.
        context.Response.OnCompleted(() =>
        {
            _ = Task.Run(ShutdownPlaneAsync, CancellationToken.None);
            return Task.CompletedTask;
        });
        var info = plane.Info;
        await WriteJsonAsync(
            context,
            StatusCodes.Status200OK,
            new CommandResult(true, $"orch daemon (pid {info.Pid}, state dir {info.StateDirectory}) is shutting down"),
            ControlJsonTypes.CommandResult,
            ct);
    }

    private async Task ShutdownPlaneAsync()
    {
        try
        {
            await plane.ShutdownAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            ControlLog.ShutdownFailed(logger, ex);
        }
    }

    private async Task LogsAsync(HttpContext context, CancellationToken ct)
    {
        var request = new LogsRequest(
            QueryString(context, "app"),
            QueryString(context, "process"),
            QueryString(context, "deployment"),
            QueryInt(context, "lines", defaultValue: 100),
            QueryBool(context, "follow"));
        ControlRequestRules.Check(request);
        await StreamAsync(context, plane.LogsAsync(request, ct), ControlJsonTypes.LogLine, ct);
    }

    /// <summary>Pulls the first item before the 200 goes out, so a refusal thrown up front still becomes its 4xx.</summary>
    private static async Task StreamAsync<T>(HttpContext context, IAsyncEnumerable<T> items, JsonTypeInfo<T> type, CancellationToken ct)
    {
        await using var enumerator = items.GetAsyncEnumerator(ct);
        var hasItem = await enumerator.MoveNextAsync();
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = ControlJson.NdjsonContentType;
        await context.Response.StartAsync(ct);
        while (hasItem)
        {
            await WriteLineAsync(context.Response, enumerator.Current, type, ct);
            hasItem = await enumerator.MoveNextAsync();
        }
    }

    private static async Task WriteLineAsync<T>(HttpResponse response, T item, JsonTypeInfo<T> type, CancellationToken ct)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(item, type);
        await response.Body.WriteAsync(bytes, ct);
        await response.Body.WriteAsync(Newline, ct);
        await response.Body.FlushAsync(ct);
    }

    public static Task WriteErrorAsync(HttpContext context, int statusCode, ControlError error, CancellationToken ct) =>
        WriteJsonAsync(context, statusCode, error, ControlJsonTypes.ControlError, ct);

    private static async Task WriteJsonAsync<T>(HttpContext context, int statusCode, T value, JsonTypeInfo<T> type, CancellationToken ct)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = ControlJson.JsonContentType;
        await JsonSerializer.SerializeAsync(context.Response.Body, value, type, ct);
    }

    private static async Task<T> ReadBodyAsync<T>(HttpContext context, JsonTypeInfo<T> type, CancellationToken ct)
    {
        var route = $"{context.Request.Method} {context.Request.Path}";
        if (context.Request.ContentLength == 0)
        {
            throw new ControlRequestException(StatusCodes.Status400BadRequest, $"{route} needs a JSON body ({typeof(T).Name})");
        }

        try
        {
            return await JsonSerializer.DeserializeAsync(context.Request.Body, type, ct)
                ?? throw new ControlRequestException(StatusCodes.Status400BadRequest, $"{route} needs a JSON object ({typeof(T).Name}), not null");
        }
        catch (JsonException ex)
        {
            throw new ControlRequestException(
                StatusCodes.Status400BadRequest,
                $"{route}: the body is not a valid {typeof(T).Name}: {ex.Message}",
                "send the JSON the `orch` CLI sends; field names are camelCase");
        }
    }

    private static ControlError BadRequestError(BadHttpRequestException ex) => ex.StatusCode == StatusCodes.Status413PayloadTooLarge
        ? new ControlError(
            $"the request body is larger than the {Defaults.MaxRequestBodyBytes} bytes the control API accepts",
            $"configs may be at most {Defaults.MaxConfigBytes} bytes; send the JSON the `orch` CLI sends")
        : new ControlError($"bad request: {ex.Message}", "send the requests the `orch` CLI sends");

    private static string? QueryString(HttpContext context, string name) =>
        context.Request.Query.TryGetValue(name, out var values) && values.ToString() is { Length: > 0 } value ? value : null;

    private static int QueryInt(HttpContext context, string name, int defaultValue)
    {
        var text = QueryString(context, name);
        if (text is null)
        {
            return defaultValue;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ControlRequestException(StatusCodes.Status400BadRequest, $"query parameter {name}={text} is not a non-negative integer");
    }

    private static bool QueryBool(HttpContext context, string name)
    {
        var text = QueryString(context, name);
        return text is null
            ? false
            : bool.TryParse(text, out var value)
                ? value
                : throw new ControlRequestException(StatusCodes.Status400BadRequest, $"query parameter {name}={text} is not true or false");
    }
}
