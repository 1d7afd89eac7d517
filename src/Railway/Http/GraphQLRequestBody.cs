using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Orchestrator.Railway.Operations;

namespace Orchestrator.Railway.Http;

/// <summary>The POST body of a GraphQL call: <c>{"query", "operationName", "variables"}</c>.</summary>
internal static class GraphQLRequestBody
{
    public static byte[] Write<TVariables>(RailwayOperation operation, TVariables variables, JsonTypeInfo<TVariables> variablesType)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("query", operation.Document);
            writer.WriteString("operationName", operation.Name);
            writer.WritePropertyName("variables");
            JsonSerializer.Serialize(writer, variables, variablesType);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
