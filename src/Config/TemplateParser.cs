using System.Collections.Immutable;

namespace Orchestrator.Config;

/// <summary>A piece of a template: literal text, or the name between <c>{{</c> and <c>}}</c> (trimmed).</summary>
internal sealed record TemplatePart(string Text, bool IsVariable);

/// <summary>A template split into parts, or why it cannot be.</summary>
internal sealed record TemplateParse(ImmutableArray<TemplatePart> Parts, string? Error)
{
    public IEnumerable<string> Variables => Parts.Where(p => p.IsVariable).Select(p => p.Text);
}

/// <summary>Splits <c>command</c>, <c>cwd</c> and <c>env</c> templates at <c>{{ name }}</c>; a lone <c>}}</c> is literal text.</summary>
internal static class TemplateParser
{
    private const string Open = "{{";
    private const string Close = "}}";

    public static TemplateParse Parse(string template)
    {
        var parts = ImmutableArray.CreateBuilder<TemplatePart>();
        var position = 0;
        while (position < template.Length)
        {
            var open = template.IndexOf(Open, position, StringComparison.Ordinal);
            if (open < 0)
            {
                parts.Add(new TemplatePart(template[position..], IsVariable: false));
                break;
            }

            if (open > position)
            {
                parts.Add(new TemplatePart(template[position..open], IsVariable: false));
            }

            var close = template.IndexOf(Close, open + Open.Length, StringComparison.Ordinal);
            if (close < 0)
            {
                return new TemplateParse([], $"'{{{{' at position {open} is never closed with '}}}}'");
            }

            parts.Add(new TemplatePart(template[(open + Open.Length)..close].Trim(), IsVariable: true));
            position = close + Close.Length;
        }

        return new TemplateParse(parts.ToImmutable(), null);
    }
}
