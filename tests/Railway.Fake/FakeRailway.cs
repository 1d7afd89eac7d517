using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Transport;
using GraphQL.Types;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Railway.Fake.Runtime;

namespace Orchestrator.Railway.Fake;

/// <summary>
/// A fake Railway API over Kestrel on loopback. Every request is validated against the schema subset by GraphQL.NET:
/// an invalid document gets HTTP 400 with <c>errors</c> (as GraphQL-over-HTTP servers answer a validation failure),
/// a refused token HTTP 200 with Railway's "Not Authorized" or "project token not found" error. Every error carries
/// a <c>traceId</c> in its extensions. A deployment of a source mapped in <see cref="Images"/> or <see cref="Repos"/>
/// runs its command as Railway runs a container (see README.md); any other deployment's status is the test's to set.
/// </summary>
internal sealed class FakeRailway : IAsyncDisposable
{
    public const string Path = "/graphql/v2";
    public const string ProjectTokenNotFound = "project token not found";
    private const string Redacted = "[redacted]";

    private static readonly HashSet<string> TokenHeaders = new(StringComparer.OrdinalIgnoreCase) { "Authorization", "Project-Access-Token" };

    private readonly WebApplication _app;
    private readonly ISchema _schema;
    private readonly DocumentExecuter _executer = new();
    private readonly GraphQLSerializer _serializer = new();
    private readonly ConcurrentQueue<RecordedCall> _calls = new();
    private readonly FakeDeploymentRunner _runner;

    private FakeRailway(WebApplication app)
    {
        _app = app;
        _runner = new FakeDeploymentRunner(State, Images, Repos);
        _schema = FakeRailwaySchema.Build(State, _runner);
        app.MapPost(Path, HandleAsync);
    }

    public FakeRailwayState State { get; } = new();

    /// <summary>Images whose deployments run a local command, e.g. <c>Images.Map("ghcr.io/acme/web:1", "node", [app, "{port}", "{host}"])</c>.</summary>
    public FakeSourceMap Images { get; } = new();

    /// <summary>Repos (<c>owner/name</c>) whose deployments build, then run a local command.</summary>
    public FakeSourceMap Repos { get; } = new();

    public FakeFaults Faults { get; } = new();

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Every call received so far, faulted and refused ones included, in order.</summary>
    public IReadOnlyList<RecordedCall> Calls => [.. _calls];

    public static async Task<FakeRailway> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var fake = new FakeRailway(builder.Build());
        await fake._app.StartAsync();
        var address = fake._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fake.Endpoint = new Uri(new Uri(address), Path);
        return fake;
    }

    /// <summary>Stops serving, then kills every process a deployment started.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _runner.DisposeAsync();
        State.Dispose();
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        GraphQLRequest? request;
        try
        {
            request = _serializer.Deserialize<GraphQLRequest>(body);
        }
        catch (JsonException)
        {
            request = null;
        }
        Record(request, body, http.Request.Headers);

        if (Faults.Take() is { } fault)
        {
            await WriteFaultAsync(http.Response, fault);
            return;
        }
        if (request?.Query is null)
        {
            await WriteErrorsAsync(http.Response, StatusCodes.Status400BadRequest, "Must provide query string.");
            return;
        }
        if (Authenticate(http.Request.Headers) is not { } principal)
        {
            var refusal = http.Request.Headers.ContainsKey("Project-Access-Token") ? ProjectTokenNotFound : FakeRailwaySchema.NotAuthorized;
            await WriteErrorsAsync(http.Response, StatusCodes.Status200OK, refusal);
            return;
        }

        var result = await _executer.ExecuteAsync(new ExecutionOptions
        {
            Schema = _schema,
            Query = request.Query,
            OperationName = request.OperationName,
            Variables = request.Variables,
            UserContext = new FakeRequestContext(principal),
            CancellationToken = http.RequestAborted,
        });
        var answer = JsonNode.Parse(_serializer.Serialize(result))!.AsObject();
        AddTraceIds(answer);
        await WriteJsonAsync(http.Response, result.Executed ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest, answer);
    }

    private FakePrincipal? Authenticate(IHeaderDictionary headers)
    {
        // Project-Access-Token is read first, as Railway does; a project token sent as Bearer is not one.
        if (headers.TryGetValue("Project-Access-Token", out var projectToken))
            return State.ProjectTokenOwner(projectToken.ToString());
        var authorization = headers.Authorization.ToString();
        const string bearer = "Bearer ";
        if (authorization.StartsWith(bearer, StringComparison.Ordinal) && State.IsAccountToken(authorization[bearer.Length..]))
            return new FakePrincipal.Account();
        return null;
    }

    private void Record(GraphQLRequest? request, string body, IHeaderDictionary headers)
    {
        var variables = "null";
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("variables", out var raw))
                variables = raw.GetRawText();
        }
        catch (JsonException)
        {
        }
        var recorded = headers.ToDictionary(
            header => header.Key,
            header => TokenHeaders.Contains(header.Key) ? Redacted : header.Value.ToString(),
            StringComparer.OrdinalIgnoreCase);
        _calls.Enqueue(new RecordedCall(request?.OperationName, variables, recorded, DateTimeOffset.UtcNow));
    }

    private static async Task WriteFaultAsync(HttpResponse response, FakeFault fault)
    {
        switch (fault)
        {
            case FakeFault.TooManyRequests tooMany:
                response.Headers.RetryAfter = tooMany.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                response.Headers["X-RateLimit-Remaining"] = "0";
                await WriteErrorsAsync(response, StatusCodes.Status429TooManyRequests, "You are being rate limited");
                break;
            case FakeFault.ServerError serverError:
                response.StatusCode = serverError.Status;
                response.ContentType = "text/plain";
                await response.WriteAsync("upstream connect error");
                break;
            case FakeFault.Unauthorized:
                response.StatusCode = StatusCodes.Status401Unauthorized;
                break;
            case FakeFault.AccessDeniedPage:
                response.StatusCode = StatusCodes.Status403Forbidden;
                response.ContentType = "text/html; charset=UTF-8";
                await response.WriteAsync(
                    "<!DOCTYPE html><html><head><title>Access denied | backboard.railway.com used Cloudflare to restrict access</title></head>" +
                    "<body><h1>Error 1015</h1><p>You are being rate limited</p></body></html>");
                break;
        }
    }

    private static Task WriteErrorsAsync(HttpResponse response, int status, string message)
    {
        var answer = new JsonObject
        {
            ["errors"] = new JsonArray(new JsonObject { ["message"] = message }),
            ["data"] = null,
        };
        AddTraceIds(answer);
        return WriteJsonAsync(response, status, answer);
    }

    private static void AddTraceIds(JsonObject answer)
    {
        if (answer["errors"] is not JsonArray errors)
            return;
        var traceId = Guid.NewGuid().ToString("N");
        foreach (var error in errors.OfType<JsonObject>())
        {
            if (error["extensions"] is not JsonObject extensions)
                error["extensions"] = extensions = [];
            extensions["traceId"] = traceId;
        }
    }

    private static async Task WriteJsonAsync(HttpResponse response, int status, JsonObject answer)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        await response.WriteAsync(answer.ToJsonString());
    }
}
