using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Parsing;

namespace Orchestrator.Config;

/// <summary>Turns <c>orch.toml</c> text into Tomlyn's untyped model, or reports its syntax errors.</summary>
internal static class TomlDocument
{
    /// <summary>The root table, or null after adding one problem per line with a syntax error.</summary>
    /// <remarks>
    /// The syntax tree is validated first because deserializing to a <see cref="TomlTable"/> alone accepts a key
    /// defined twice; the validated tree also yields every error with its line and column, not just the first.
    /// </remarks>
    public static TomlTable? Parse(string toml, string sourcePath, ConfigProblems problems)
    {
        var syntax = SyntaxParser.Parse(toml, TomlSerializerOptions.Default, sourcePath, validate: true);
        if (syntax.HasErrors)
        {
            // Later errors on a line are usually the parser tripping over the first one.
            foreach (var error in syntax.Diagnostics.GroupBy(d => d.Span.Start.Line).Select(line => line.First()))
            {
                var position = error.Span.Start;
                problems.Add(Location(sourcePath, position.Line + 1, position.Column + 1), error.Message, SyntaxExample);
            }

            return null;
        }

        try
        {
            return TomlSerializer.Deserialize(toml, TomlModelContext.Default.TomlTable);
        }
        catch (TomlException error)
        {
            problems.Add(Location(sourcePath, error.Line ?? 0, error.Column ?? 0), error.Message, SyntaxExample);
            return null;
        }
    }

    private const string SyntaxExample = "key = \"value\" (one key per line, strings in double quotes)";

    private static string Location(string sourcePath, int line, int column) => $"{sourcePath}:{line}:{column}";
}
