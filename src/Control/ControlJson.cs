using System.Text.Encodings.Web;
using System.Text.Json;
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

    /// <summary>The generated metadata of <typeparamref name="T"/>, which must be one of <see cref="ControlJsonContext"/>'s types.</summary>
    public static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,

            // Read by people and scripts, never embedded in HTML: keep quotes and non-ASCII readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,

            // Generated at compile time, never by reflection: the CLI is compiled ahead of time.
            TypeInfoResolver = ControlJsonContext.Default,
        };
        options.MakeReadOnly();
        return options;
    }
}
