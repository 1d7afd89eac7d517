using Tomlyn.Model;
using Tomlyn.Serialization;

namespace Orchestrator.Config;

/// <summary>Source-generated Tomlyn metadata for the untyped model, so reading a config needs no reflection (NativeAOT).</summary>
[TomlSerializable(typeof(TomlTable))]
internal sealed partial class TomlModelContext : TomlSerializerContext;
