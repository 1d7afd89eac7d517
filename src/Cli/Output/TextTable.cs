using System.Text;

namespace Orchestrator.Cli.Output;

/// <summary>
/// A table of plain text, one line per row, columns as wide as their widest cell: what <c>orch status</c> and
/// <c>orch cluster show</c> print, on a terminal and in a pipe alike (as <c>docker ps</c> and <c>pm2 ls</c> do, a row
/// never wraps inside a cell). It costs nothing to lay out, where a layout engine would cost the command's start-up.
/// Given a width, it fits it: the columns that have a <see cref="TableColumn.DropRank"/> go first, then the widest
/// cells are cut short with an ellipsis.
/// </summary>
internal sealed class TextTable
{
    private const string Empty = "-";

    /// <summary>A column cut short keeps at least this many characters (or its header's), so it still says something.</summary>
    private const int MinimumCutWidth = 8;

    private readonly TableColumn[] _columns;
    private readonly List<string[]> _rows = [];

    public TextTable(params TableColumn[] columns) => _columns = columns;

    public TextTable(params string[] headers)
        : this([.. headers.Select(header => new TableColumn(header))])
    {
    }

    public TextTable AddRow(params string?[] cells)
    {
        if (cells.Length != _columns.Length)
        {
            throw new ArgumentException($"a row of {cells.Length} cells in a table of {_columns.Length} columns", nameof(cells));
        }

        _rows.Add([.. cells.Select(cell => string.IsNullOrEmpty(cell) ? Empty : Flatten(cell))]);
        return this;
    }

    /// <summary>The header, a rule under it, then the rows; each line ends without trailing blanks and, given a width, fits it.</summary>
    public void WriteTo(TextWriter writer, int? width = null)
    {
        var widths = _columns.Select((column, index) => _rows.Select(row => row[index].Length).Append(column.Header.Length).Max()).ToArray();
        var shown = Enumerable.Range(0, _columns.Length).ToList();
        if (width is { } max)
        {
            Fit(shown, widths, max);
        }

        writer.WriteLine(Line([.. shown.Select(i => _columns[i].Header)], [.. shown.Select(i => widths[i])]));
        writer.WriteLine(" " + new string('─', LineWidth(shown, widths) - 1));
        foreach (var row in _rows)
        {
            writer.WriteLine(Line([.. shown.Select(i => row[i])], [.. shown.Select(i => widths[i])]));
        }
    }

    /// <summary>
    /// Cuts the columns that may be cut, drops columns by rank, then narrows the widest column, until a line is at most
    /// <paramref name="max"/> wide.
    /// </summary>
    private void Fit(List<int> shown, int[] widths, int max)
    {
        foreach (var column in shown.Where(i => _columns[i].CutTo is { } cut && widths[i] > cut))
        {
            var excess = LineWidth(shown, widths) - max;
            if (excess <= 0)
            {
                return;
            }

            widths[column] = Math.Max(_columns[column].CutTo!.Value, widths[column] - excess);
        }

        foreach (var column in shown.Where(i => _columns[i].DropRank is not null).OrderBy(i => _columns[i].DropRank).ThenByDescending(i => i).ToList())
        {
            if (LineWidth(shown, widths) <= max)
            {
                return;
            }

            shown.Remove(column);
        }

        while (LineWidth(shown, widths) > max)
        {
            var widest = shown.Where(i => widths[i] > Math.Max(MinimumCutWidth, _columns[i].Header.Length)).OrderByDescending(i => widths[i]).FirstOrDefault(-1);
            if (widest < 0)
            {
                return; // as narrow as it goes: what remains are the columns that say what each row is
            }

            var floor = Math.Max(MinimumCutWidth, _columns[widest].Header.Length);
            widths[widest] = Math.Max(floor, widths[widest] - (LineWidth(shown, widths) - max));
        }
    }

    /// <summary>Each cell is two blanks, the cell padded to its column, one blank: the last one's blank is trimmed.</summary>
    private static int LineWidth(List<int> shown, int[] widths) => shown.Sum(i => widths[i] + 3) - 1;

    private static string Line(string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var column = 0; column < cells.Length; column++)
        {
            line.Append("  ").Append(TextLine.Truncate(cells[column], widths[column]).PadRight(widths[column])).Append(' ');
        }

        return line.ToString().TrimEnd();
    }

    /// <summary>A cell is one line: a multi-line reason would break the columns of every row under it.</summary>
    private static string Flatten(string cell) =>
        cell.Contains('\n', StringComparison.Ordinal) || cell.Contains('\r', StringComparison.Ordinal)
            ? string.Join(' ', cell.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            : cell;
}
