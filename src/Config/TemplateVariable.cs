namespace Orchestrator.Config;

internal enum TemplateVariableKind
{
    Unknown,
    App,
    DeploymentId,
    ReleasePath,
    Revision,
    ProcessId,
    Port,
    ProcessPort,
    Environment,
}

/// <summary>What a name between <c>{{</c> and <c>}}</c> refers to; <see cref="Argument"/> is the id or NAME after <c>ports.</c> or <c>env.</c>.</summary>
internal sealed record TemplateVariable(TemplateVariableKind Kind, string Name, string? Argument)
{
    private const string PortsPrefix = "ports.";
    private const string EnvPrefix = "env.";

    /// <summary>The plain names, for suggestions and messages.</summary>
    public static readonly IReadOnlyList<string> PlainNames = ["app", "deployment_id", "release_path", "revision", "process_id", "port"];

    public const string AllNames = "{{app}}, {{deployment_id}}, {{release_path}}, {{revision}}, {{process_id}}, {{port}}, {{ports.<id>}}, {{env.<NAME>}}";

    public static TemplateVariable Classify(string name) => name switch
    {
        "app" => new(TemplateVariableKind.App, name, null),
        "deployment_id" => new(TemplateVariableKind.DeploymentId, name, null),
        "release_path" => new(TemplateVariableKind.ReleasePath, name, null),
        "revision" => new(TemplateVariableKind.Revision, name, null),
        "process_id" => new(TemplateVariableKind.ProcessId, name, null),
        "port" => new(TemplateVariableKind.Port, name, null),
        _ when name.StartsWith(PortsPrefix, StringComparison.Ordinal) => new(TemplateVariableKind.ProcessPort, name, name[PortsPrefix.Length..]),
        _ when name.StartsWith(EnvPrefix, StringComparison.Ordinal) => new(TemplateVariableKind.Environment, name, name[EnvPrefix.Length..]),
        _ => new(TemplateVariableKind.Unknown, name, null),
    };
}
