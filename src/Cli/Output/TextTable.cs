using System.Text;

namespace Orchestrator.Cli.Output;

/// <summary>
/// A table of plain text, one line per row, columns as wide as their widest cell: what <c>orch status</c> and
/// <c>orch cluster show</c> print, on a terminal and in a pipe alike (as <c>docker ps</c> and <c>pm2 ls</c> do, a row
/// never wraps inside a cell). It costs nothing to lay out, where a layout engine would cost the command's start-up.
/// </summary>
internal sealed class TextTable(params string[] headers)
{
    private const string Empty = "-";

    private readonly List<string[]> _rows = [];

    public TextTable AddRow(params string?[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"a row of {cells.Length} cells in a table of {headers.Length} columns", nameof(cells));
        }

        _rows.Add([.. cells.Select(cell => string.IsNullOrEmpty(cell) ? Empty : Flatten(cell))]);
        return this;
    }

    /// <summary>The header, a rule under it, then the rows; each line ends without trailing blanks.</summary>
    public void WriteTo(TextWriter writer)
    {
        var widths = headers.Select((header, column) => _rows.Select(row => row[column].Length).Append(header.Length).Max()).ToArray();
        writer.WriteLine(Line(headers, widths));
        writer.WriteLine(" " + new string('─', widths.Sum() + (3 * widths.Length) - 1));
        foreach (var row in _rows)
        {
            writer.WriteLine(Line(row, widths));
        }
    }

    private static string Line(string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var column = 0; column < cells.Length; column++)
        {
            line.Append("  ").Append(cells[column].PadRight(widths[column])).Append(' ');
        }

        return line.ToString().TrimEnd();
    }

    /// <summary>A cell is one line: a multi-line reason would break the columns of every row under it.</summary>
    private static string Flatten(string cell) =>
        cell.Contains('\n', StringComparison.Ordinal) || cell.Contains('\r', StringComparison.Ordinal)
            ? string.Join(' ', cell.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            : cell;
}
