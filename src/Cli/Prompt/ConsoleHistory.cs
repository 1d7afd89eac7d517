namespace Orchestrator.Cli.Prompt;

/// <summary>
/// The lines typed at <c>orch console</c>, oldest first: kept in memory, loaded from and appended to a file when one is
/// given and writable (<c>~/.orch_console_history</c>), as a shell keeps its history.
/// </summary>
internal sealed class ConsoleHistory
{
    public const string FileName = ".orch_console_history";

    private const int MaxEntries = 1000;

    private readonly List<string> _entries = [];
    private string? _path;

    public ConsoleHistory(string? path)
    {
        _path = path;
        if (path is null || !File.Exists(path))
        {
            return;
        }

        try
        {
            _entries.AddRange(File.ReadLines(path).Where(l => l.Length > 0).TakeLast(MaxEntries));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _path = null;
        }
    }

    /// <summary>The history file in the home directory, or null when there is no home.</summary>
    public static string? DefaultPath() =>
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } home ? Path.Combine(home, FileName) : null;

    public IReadOnlyList<string> Entries => _entries;

    /// <summary>Remembers a line (not a blank one, nor the same line twice in a row); a file that cannot be written is given up on.</summary>
    public void Add(string line)
    {
        line = line.Trim();
        if (string.IsNullOrWhiteSpace(line) || (_entries.Count > 0 && _entries[^1] == line))
        {
            return;
        }

        _entries.Add(line);
        if (_entries.Count > MaxEntries)
        {
            _entries.RemoveAt(0);
        }

        if (_path is null)
        {
            return;
        }

        try
        {
            File.AppendAllText(_path, line + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _path = null;
        }
    }
}
