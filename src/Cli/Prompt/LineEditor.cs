using System.Text;

namespace Orchestrator.Cli.Prompt;

/// <summary>
/// A small line editor on the terminal: the prompt, left/right/home/end, backspace/delete, up/down through the history,
/// Tab to complete, Ctrl-C to drop the line, Ctrl-D on an empty line to leave. Redraws with plain ANSI sequences.
/// </summary>
internal sealed class LineEditor(string prompt, ConsoleHistory history, CommandCompletion completion) : IConsoleInput
{
    private readonly StringBuilder _line = new();
    private int _cursor;

    public string? ReadLine()
    {
        _line.Clear();
        _cursor = 0;
        var recalled = history.Entries.Count;
        var typed = "";
        var treatControlC = Console.TreatControlCAsInput;
        Console.TreatControlCAsInput = true;
        try
        {
            Render();
            while (true)
            {
                var key = Console.ReadKey(intercept: true);
                var control = key.Modifiers.HasFlag(ConsoleModifiers.Control);
                switch (key.Key)
                {
                    case ConsoleKey.Enter:
                        Console.Write("\r\n");
                        history.Add(_line.ToString());
                        return _line.ToString();
                    case ConsoleKey.D when control && _line.Length == 0:
                        Console.Write("\r\n");
                        return null;
                    case ConsoleKey.C when control:
                        Console.Write("^C\r\n");
                        Replace("");
                        recalled = history.Entries.Count;
                        break;
                    case ConsoleKey.Backspace when _cursor > 0:
                        _line.Remove(--_cursor, 1);
                        break;
                    case ConsoleKey.Delete when _cursor < _line.Length:
                    case ConsoleKey.D when control && _cursor < _line.Length:
                        _line.Remove(_cursor, 1);
                        break;
                    case ConsoleKey.LeftArrow when _cursor > 0:
                    case ConsoleKey.B when control && _cursor > 0:
                        _cursor--;
                        break;
                    case ConsoleKey.RightArrow when _cursor < _line.Length:
                    case ConsoleKey.F when control && _cursor < _line.Length:
                        _cursor++;
                        break;
                    case ConsoleKey.Home:
                    case ConsoleKey.A when control:
                        _cursor = 0;
                        break;
                    case ConsoleKey.End:
                    case ConsoleKey.E when control:
                        _cursor = _line.Length;
                        break;
                    case ConsoleKey.U when control:
                        _line.Remove(0, _cursor);
                        _cursor = 0;
                        break;
                    case ConsoleKey.UpArrow or ConsoleKey.P when recalled > 0 && (key.Key == ConsoleKey.UpArrow || control):
                        if (recalled == history.Entries.Count)
                        {
                            typed = _line.ToString();
                        }

                        Replace(history.Entries[--recalled]);
                        break;
                    case ConsoleKey.DownArrow or ConsoleKey.N when recalled < history.Entries.Count && (key.Key == ConsoleKey.DownArrow || control):
                        recalled++;
                        Replace(recalled == history.Entries.Count ? typed : history.Entries[recalled]);
                        break;
                    case ConsoleKey.Tab:
                        Complete();
                        break;
                    default:
                        if (key.KeyChar >= ' ' && !control)
                        {
                            _line.Insert(_cursor++, key.KeyChar);
                        }

                        break;
                }

                Render();
            }
        }
        finally
        {
            Console.TreatControlCAsInput = treatControlC;
        }
    }

    /// <summary>One candidate is taken; several extend the word to what they share, or are listed under the line.</summary>
    private void Complete()
    {
        var before = _line.ToString(0, _cursor);
        var (start, candidates) = completion.Complete(before);
        if (candidates.Count == 0)
        {
            return;
        }

        var insert = candidates.Count == 1 ? candidates[0] + " " : CommandCompletion.CommonPrefix(candidates);
        if (candidates.Count > 1 && insert.Length <= _cursor - start)
        {
            Console.Write("\r\n" + string.Join("  ", candidates) + "\r\n");
            return;
        }

        _line.Remove(start, _cursor - start).Insert(start, insert);
        _cursor = start + insert.Length;
    }

    private void Replace(string text)
    {
        _line.Clear().Append(text);
        _cursor = _line.Length;
    }

    /// <summary>Back to the start of the row, the prompt and the line, clear the rest of the row, then the cursor in place.</summary>
    private void Render()
    {
        var back = _line.Length - _cursor;
        Console.Write($"\r{prompt}{_line}\u001b[K" + (back > 0 ? $"\u001b[{back}D" : ""));
    }
}
