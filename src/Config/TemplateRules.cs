namespace Orchestrator.Config;

/// <summary>Checks every template of every process against the variables it could ever be rendered with.</summary>
internal static class TemplateRules
{
    public static void Check(IReadOnlyList<ProcessEntry> processes, ConfigProblems problems)
    {
        var ids = processes.Where(p => p.Id is not null).Select(p => p.Id!).ToHashSet(StringComparer.Ordinal);
        var withPort = processes.Where(p => p.Id is not null && p.Config.Port is not null).Select(p => p.Id!).ToHashSet(StringComparer.Ordinal);
        foreach (var process in processes)
        {
            var check = new Checker(process, ids, withPort, problems);
            check.Template("command", process.Config.Command);
            if (process.Config.Cwd is { } cwd)
            {
                check.Template("cwd", cwd);
            }

            foreach (var (name, value) in process.Config.Env)
            {
                check.Template($"env.{name}", value);
            }
        }
    }

    private sealed class Checker(ProcessEntry process, HashSet<string> ids, HashSet<string> withPort, ConfigProblems problems)
    {
        public void Template(string field, string template)
        {
            var key = process.KeyOf(field);
            var parsed = TemplateParser.Parse(template);
            if (parsed.Error is not null)
            {
                problems.Add(key, $"unclosed template: {parsed.Error}", $"{Field(field)} = \"{template}}}}}\"");
                return;
            }

            foreach (var name in parsed.Variables)
            {
                if (Problem(TemplateVariable.Classify(name)) is { } found)
                {
                    var example = found.Example ?? (found.Replacement is null
                        ? $"one of {TemplateVariable.AllNames}"
                        : $"{Field(field)} = \"{template.Replace($"{{{{{name}}}}}", $"{{{{{found.Replacement}}}}}", StringComparison.Ordinal)}\"");
                    problems.Add(key, found.Text, example);
                }
            }
        }

        private (string Text, string? Replacement, string? Example)? Problem(TemplateVariable variable) => variable.Kind switch
        {
            TemplateVariableKind.Port when process.Config.Port is null =>
                ($"{{{{port}}}} is used, but process '{process.Id}' has no port; give it one or use {{{{ports.<id>}}}} for another process's", null, "port = \"18300\""),
            TemplateVariableKind.ProcessPort when !ids.Contains(variable.Argument!) =>
                ($"{{{{{variable.Name}}}}} names process '{variable.Argument}', which does not exist{Hint(variable.Argument!, ids)}", Suggest(variable.Argument!, ids, "ports."), null),
            TemplateVariableKind.ProcessPort when !withPort.Contains(variable.Argument!) =>
                ($"{{{{{variable.Name}}}}} names process '{variable.Argument}', which has no port", null, $"port = \"18300\" in process '{variable.Argument}'"),
            TemplateVariableKind.Environment when !EnvironmentName.IsValid(variable.Argument!) =>
                ($"{{{{{variable.Name}}}}}: '{variable.Argument}' is not an environment variable name", null, "{{env.HOME}}"),
            TemplateVariableKind.Unknown =>
                ($"unknown template variable {{{{{variable.Name}}}}}{Hint(variable.Name, TemplateVariable.PlainNames, braces: true)}", Suggest(variable.Name, TemplateVariable.PlainNames, ""), null),
            _ => null,
        };

        private static string? Suggest(string name, IEnumerable<string> candidates, string prefix) =>
            KeySuggestion.Nearest(name, candidates) is { } nearest ? prefix + nearest : null;

        private static string Hint(string name, IEnumerable<string> candidates, bool braces = false) =>
            KeySuggestion.Nearest(name, candidates) switch
            {
                null => "",
                var nearest when braces => $"; did you mean {{{{{nearest}}}}}?",
                var nearest => $"; did you mean '{nearest}'?",
            };

        // "env.RELEASE" is written inside the env table as RELEASE = "...".
        private static string Field(string field) => field.StartsWith("env.", StringComparison.Ordinal) ? field["env.".Length..] : field;
    }
}
