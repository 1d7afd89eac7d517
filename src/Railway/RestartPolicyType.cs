using System.Text.Json.Serialization;

namespace Orchestrator.Railway;

/// <summary>Railway's <c>RestartPolicyType</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RestartPolicyType>))]
internal enum RestartPolicyType
{
    [JsonStringEnumMemberName("ALWAYS")]
    Always,

    [JsonStringEnumMemberName("NEVER")]
    Never,

    [JsonStringEnumMemberName("ON_FAILURE")]
    OnFailure,
}
