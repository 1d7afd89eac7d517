using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Orchestrator.Control;

/// <summary>The one JSON dialect of the control API, shared by the daemon and <c>orch</c>.</summary>
internal static class ControlJson
{
    /// <summary>Web defaults (camelCase), enums as strings, and required/non-null fields enforced so a bad body is a 400, not a null deep inside.</summary>
    public static readonly JsonSerializerOptions Options = Create();

    /// <summary>The content type of the streamed routes: one JSON document per line.</summary>
    public const string NdjsonContentType = "application/x-ndjson";

    public const string JsonContentType = "application/json";

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,

            // Read by people and scripts, never embedded in HTML: keep quotes and non-ASCII readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,

            // The contracts' metadata is generated at compile time; anything else still works by reflection.
            TypeInfoResolver = JsonTypeInfoResolver.Combine(ControlJsonContext.Default, new DefaultJsonTypeInfoResolver()),
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
