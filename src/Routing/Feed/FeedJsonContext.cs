using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Routing.Feed;

/// <summary>
/// The JSON of the feed and of a router's saved tables: camelCase, enums by name, the same shape the cluster's
/// messages have, generated at build time so that the NativeAOT router needs no reflection.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(RouteTable))]
[JsonSerializable(typeof(RouteTable[]))]
[JsonSerializable(typeof(RouterReport))]
[JsonSerializable(typeof(FeedHello))]
[JsonSerializable(typeof(FeedAnswer))]
public sealed partial class FeedJsonContext : JsonSerializerContext;
