using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Orchestrator.Railway.Auth;
using Orchestrator.Railway.Operations;

namespace Orchestrator.Railway.Http;

/// <summary>POSTs GraphQL operations to Railway with the token in its header, retrying 429 and 5xx within the policy.</summary>
internal sealed class RailwayGraphQLTransport(
    HttpClient http, RailwayToken token, RailwayClientOptions options, ILogger logger, TimeProvider time)
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    public async Task<TData> SendAsync<TVariables, TData>(
        RailwayOperation operation,
        TVariables variables,
        JsonTypeInfo<TVariables> variablesType,
        JsonTypeInfo<TData> dataType,
        CancellationToken cancellationToken)
    {
        var body = GraphQLRequestBody.Write(operation, variables, variablesType);
        var policy = options.Retry;
        var started = time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            using var request = CreateRequest(body);
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!IsRetried(response.StatusCode))
                return Read(operation.Name, response, text, dataType);

            var delay = RetryDelay.Decide(response.Headers, attempt, policy, time.GetUtcNow());
            if (attempt >= policy.MaxAttempts || time.GetElapsedTime(started) + delay > policy.MaxTotalTime)
            {
                RailwayLog.GaveUp(logger, operation.Name, response.StatusCode, attempt);
                throw GaveUp(operation.Name, response, text, attempt);
            }
            RailwayLog.Retrying(logger, operation.Name, response.StatusCode, attempt, (long)delay.TotalMilliseconds);
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsRetried(HttpStatusCode status) =>
        status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    private HttpRequestMessage CreateRequest(byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, options.Endpoint)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = JsonContentType } },
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        token.Authorize(request.Headers);
        return request;
    }

    private TData Read<TData>(string operationName, HttpResponseMessage response, string text, JsonTypeInfo<TData> dataType)
    {
        try
        {
            return GraphQLResponseReader.Read(operationName, response, text, token, dataType);
        }
        catch (RailwayAuthException refused)
        {
            RailwayLog.Refused(logger, token.Kind.ToString(), operationName, refused.Message);
            throw;
        }
    }

    private RailwayException GaveUp(string operationName, HttpResponseMessage response, string text, int attempts)
    {
        var detail = GraphQLResponseReader.IsHtml(response, text)
            ? "an HTML page instead of GraphQL JSON"
            : response.StatusCode == HttpStatusCode.TooManyRequests ? "rate limited" : "server error";
        var (errors, traceId) = GraphQLResponseReader.ErrorsIn(response, text, token);
        if (errors.Count > 0)
            detail += $" ({string.Join("; ", errors.Select(error => error.Message))})";
        return new RailwayHttpException(operationName, response.StatusCode, attempts, $"{detail}; not retried further", traceId);
    }
}
