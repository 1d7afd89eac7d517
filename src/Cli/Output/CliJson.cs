using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Orchestrator.Control;

namespace Orchestrator.Cli.Output;

/// <summary>The control API's JSON dialect plus the documents only <c>orch</c> prints, all generated at compile time.</summary>
internal static class CliJson
{
    private static readonly JsonSerializerOptions Options = Create();

    /// <summary>
    /// A control API type's metadata from <see cref="ControlJson.Options"/>, which the client has configured already when
    /// it read the answer: configuring a type graph again for a second options instance costs a short-lived CLI more
    /// than the request. Same settings, so the same output.
    /// </summary>
    public static JsonTypeInfo<T> TypeInfo<T>() =>
        (JsonTypeInfo<T>)(ControlJson.Options.TryGetTypeInfo(typeof(T), out var control) ? control : Options.GetTypeInfo(typeof(T)));

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(ControlJson.Options)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(ControlJsonContext.Default, CliJsonContext.Default),
        };
        options.MakeReadOnly();
        return options;
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ValidateReport))]
[JsonSerializable(typeof(ValidateStackReport))]
[JsonSerializable(typeof(Orchestrator.Cli.Railway.RailwayStatusReport))]
[JsonSerializable(typeof(Orchestrator.Cli.Railway.RailwayBaselineReport))]
[JsonSerializable(typeof(Orchestrator.Cli.Railway.BaselineRefusal))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
