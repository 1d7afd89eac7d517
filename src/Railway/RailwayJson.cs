using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Orchestrator.Railway;

/// <summary>The JSON dialect of Railway's API: camelCase, and unset fields left out rather than sent as null.</summary>
internal static class RailwayJson
{
    public static JsonSerializerOptions Options => RailwayJsonContext.Default.Options;

    /// <summary>The generated metadata of <typeparamref name="T"/>, which must be one of <see cref="RailwayJsonContext"/>'s types.</summary>
    public static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
}
