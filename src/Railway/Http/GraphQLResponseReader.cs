using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Orchestrator.Railway.Auth;

namespace Orchestrator.Railway.Http;

/// <summary>Reads one answer that is not retried: its data, or the exception that says what went wrong.</summary>
internal static partial class GraphQLResponseReader
{
    /// <summary>Railway's edge names each request; used as the trace id when the errors carry none.</summary>
    public const string RequestIdHeader = "X-Railway-Request-Id";

    private const int MaxDetailLength = 200;

    public static TData Read<TData>(
        string operationName, HttpResponseMessage response, string body, RailwayToken token, JsonTypeInfo<TData> dataType)
    {
        var status = response.StatusCode;
        var headerTraceId = HeaderTraceId(response);
        if (IsHtml(response, body))
            throw new RailwayHtmlResponseException(operationName, status, TitleOf(body) is { } title ? token.Redact(title) : null);

        if (!TryParse(body, out var document))
        {
            if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                throw Refusals.For(operationName, token.Kind, $"HTTP {(int)status}", headerTraceId);
            throw new RailwayHttpException(operationName, status, 1, $"not a GraphQL JSON answer: {Excerpt(token.Redact(body))}", headerTraceId);
        }

        using (document)
        {
            var root = document.RootElement;
            var errors = ErrorsOf(root, token);
            var traceId = errors.Select(error => error.TraceId).FirstOrDefault(id => id is not null) ?? headerTraceId;
            if (errors.FirstOrDefault(error => Refusals.IsRefusal(error.Message)) is { } refusal)
                throw Refusals.For(operationName, token.Kind, refusal.Message, traceId);
            if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                throw Refusals.For(operationName, token.Kind, $"HTTP {(int)status}", traceId);
            if (errors.Count > 0)
                throw new RailwayGraphQLException(operationName, errors, traceId);
            if (!response.IsSuccessStatusCode)
                throw new RailwayHttpException(operationName, status, 1, Excerpt(token.Redact(body)), traceId);
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind == JsonValueKind.Null)
                throw new RailwayException(operationName, $"Railway answered {operationName} with neither data nor errors", traceId);
            return data.Deserialize(dataType)
                ?? throw new RailwayException(operationName, $"Railway answered {operationName} with empty data", traceId);
        }
    }

    /// <summary>The GraphQL errors of an answer that was given up on, if its body has any, and its trace id.</summary>
    public static (IReadOnlyList<RailwayGraphQLError> Errors, string? TraceId) ErrorsIn(HttpResponseMessage response, string body, RailwayToken token)
    {
        if (IsHtml(response, body) || !TryParse(body, out var document))
            return ([], HeaderTraceId(response));
        using (document)
        {
            var errors = ErrorsOf(document.RootElement, token);
            return (errors, errors.Select(error => error.TraceId).FirstOrDefault(id => id is not null) ?? HeaderTraceId(response));
        }
    }

    public static bool IsHtml(HttpResponseMessage response, string body) =>
        response.Content.Headers.ContentType?.MediaType is "text/html"
        || body.AsSpan().TrimStart().StartsWith("<", StringComparison.Ordinal);

    private static bool TryParse(string body, out JsonDocument document)
    {
        try
        {
            document = JsonDocument.Parse(body);
            return true;
        }
        catch (JsonException)
        {
            document = null!;
            return false;
        }
    }

    private static List<RailwayGraphQLError> ErrorsOf(JsonElement root, RailwayToken token)
    {
        var errors = new List<RailwayGraphQLError>();
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("errors", out var list) || list.ValueKind != JsonValueKind.Array)
            return errors;
        foreach (var error in list.EnumerateArray())
        {
            var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "(no message)";
            var path = error.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.Array
                ? p.EnumerateArray().Select(segment => segment.ToString()).ToArray()
                : [];
            string? code = null, traceId = null;
            if (error.TryGetProperty("extensions", out var extensions) && extensions.ValueKind == JsonValueKind.Object)
            {
                code = StringOf(extensions, "code");
                traceId = StringOf(extensions, "traceId");
            }
            errors.Add(new RailwayGraphQLError(token.Redact(message), path, code, traceId));
        }
        return errors;
    }

    private static string? HeaderTraceId(HttpResponseMessage response) =>
        response.Headers.TryGetValues(RequestIdHeader, out var ids) ? ids.FirstOrDefault() : null;

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? TitleOf(string html) =>
        TitlePattern().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value).Trim() : null;

    private static string Excerpt(string body)
    {
        var text = body.ReplaceLineEndings(" ").Trim();
        return text.Length == 0 ? "(empty body)" : text.Length <= MaxDetailLength ? text : text[..MaxDetailLength] + "…";
    }

    [GeneratedRegex("<title[^>]*>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex TitlePattern();
}
