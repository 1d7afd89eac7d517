using System.Globalization;
using System.Text;

namespace Orchestrator.Config;

/// <summary>Renders <c>command</c>, <c>cwd</c> and <c>env</c> templates such as <c>python3 app.py --port {{port}}</c>.</summary>
public static class Templates
{
    /// <summary>The template with every <c>{{variable}}</c> replaced; an unset <c>{{env.NAME}}</c> renders empty, as <c>$NAME</c> does in a shell.</summary>
    /// <exception cref="FormatException">
    /// The template is malformed, names an unknown variable, or a port the context lacks. The config loader rejects
    /// all of these up front, so a loaded config renders cleanly when <see cref="TemplateContext.Ports"/> is complete.
    /// </exception>
    public static string Render(string template, TemplateContext context)
    {
        var parsed = TemplateParser.Parse(template);
        if (parsed.Error is not null)
        {
            throw new FormatException($"template \"{template}\": {parsed.Error}");
        }

        var text = new StringBuilder(template.Length);
        foreach (var part in parsed.Parts)
        {
            text.Append(part.IsVariable ? Resolve(TemplateVariable.Classify(part.Text), context) : part.Text);
        }

        return text.ToString();
    }

    private static string Resolve(TemplateVariable variable, TemplateContext context) => variable.Kind switch
    {
        TemplateVariableKind.App => context.App,
        TemplateVariableKind.DeploymentId => context.DeploymentId,
        TemplateVariableKind.ReleasePath => context.ReleasePath,
        TemplateVariableKind.Revision => context.Revision,
        TemplateVariableKind.ProcessId => context.ProcessId,
        TemplateVariableKind.Port => context.Port is { } port
            ? port.ToString(CultureInfo.InvariantCulture)
            : throw new FormatException($"{{{{port}}}}: process '{context.ProcessId}' has no port"),
        TemplateVariableKind.ProcessPort => context.Ports.TryGetValue(variable.Argument!, out var other)
            ? other.ToString(CultureInfo.InvariantCulture)
            : throw new FormatException($"{{{{{variable.Name}}}}}: process '{variable.Argument}' has no port"),
        TemplateVariableKind.Environment => context.Environment.TryGetValue(variable.Argument!, out var value) ? value : string.Empty,
        _ => throw new FormatException($"unknown template variable {{{{{variable.Name}}}}}"),
    };
}
