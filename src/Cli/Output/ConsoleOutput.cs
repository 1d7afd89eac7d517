using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Orchestrator.Control;
using Orchestrator.Control.Contracts;
using Spectre.Console;

namespace Orchestrator.Cli.Output;

/// <summary>
/// All of <c>orch</c>'s terminal output. People get plain tables (<see cref="TextTable"/>), and colours and a live
/// step list on a terminal, plain lines when redirected; scripts (<c>--json</c>) get exactly one JSON document, or
/// NDJSON for streams.
/// </summary>
internal sealed partial class ConsoleOutput
{
    /// <summary>Wide enough that tables written to a file or pipe are not wrapped at 80 columns.</summary>
    private const int RedirectedWidth = 200;

    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;
    private readonly Lazy<IAnsiConsole> _ansiConsole;

    public ConsoleOutput(TextWriter stdout, TextWriter stderr, bool interactive, bool json, int? width = null)
    {
        Width = width;
        _stdout = stdout;
        _stderr = stderr;
        Interactive = interactive && !json;
        Json = json;
        _ansiConsole = new Lazy<IAnsiConsole>(CreateAnsiConsole);
    }

    /// <summary>Spectre, created on first use: a deploy streaming plain lines never pays for its terminal detection.</summary>
    private IAnsiConsole Terminal => _ansiConsole.Value;

    /// <summary>Machine output: JSON on stdout, nothing else there.</summary>
    public bool Json { get; }

    /// <summary>A person at a terminal: colours and live displays.</summary>
    public bool Interactive { get; }

    /// <summary>
    /// The columns tables must fit (<c>orch status</c>): the terminal's, or <c>$COLUMNS</c> when exported; none in a
    /// pipe or a file, where lines keep their whole length.
    /// </summary>
    public int? Width { get; }

    public static ConsoleOutput For(InvocationConfiguration configuration, bool json)
    {
        var stdout = configuration.Output;
        var interactive = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected;
        var width = interactive && TerminalWidth() is > 0 and var columns ? columns : ExportedColumns();
        return new ConsoleOutput(stdout, configuration.Error, interactive, json, width);
    }

    private IAnsiConsole CreateAnsiConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(_stdout),
            Ansi = Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = Interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!Interactive)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }

    /// <summary>One JSON document (or one NDJSON line) on stdout.</summary>
    public void WriteJson<T>(T value) => _stdout.WriteLine(JsonSerializer.Serialize(value, CliJson.TypeInfo<T>()));

    /// <summary>A line for people; nothing in JSON mode.</summary>
    public void Line(string text)
    {
        if (!Json)
        {
            PlainLine(text);
        }
    }

    /// <summary>Through Spectre on a terminal, so lines land above a live display instead of through it.</summary>
    private void PlainLine(string text)
    {
        if (Interactive)
        {
            Terminal.WriteLine(text);
        }
        else
        {
            _stdout.WriteLine(text);
        }
    }

    /// <summary>The rule above a table: as wide as the terminal (or <paramref name="width"/>) up to <see cref="TextRule.MaxWidth"/>.</summary>
    private void Heading(string title, int? width = null) =>
        _stdout.WriteLine(TextRule.Of(title, (width ?? (Interactive ? TerminalWidth() : 0)) is > 0 and var columns ? Math.Min(columns, TextRule.MaxWidth) : TextRule.MaxWidth));

    private static int? ExportedColumns() =>
        int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var columns) && columns > 0 ? columns : null;

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>A success line for people (green on a terminal); nothing in JSON mode.</summary>
    public void Success(string text)
    {
        if (Interactive)
        {
            Terminal.MarkupLine($"[green]{Markup.Escape(text)}[/]");
        }
        else
        {
            Line(text);
        }
    }

    /// <summary>What went wrong and how to fix it, on stderr; in JSON mode also a <see cref="ControlError"/> on stdout.</summary>
    public void Error(string message, string? hint = null, IReadOnlyList<string>? details = null)
    {
        _stderr.WriteLine($"error: {message}");
        foreach (var detail in details ?? [])
        {
            _stderr.WriteLine($"  - {detail}");
        }

        if (hint is not null)
        {
            _stderr.WriteLine($"hint: {hint}");
        }

        if (Json)
        {
            WriteJson(new ControlError(message, hint, details));
        }
    }

    /// <summary>A non-fatal remark on stderr, so it never mixes with JSON on stdout.</summary>
    public void Note(string text) => _stderr.WriteLine(text);
}
