namespace Orchestrator.Config;

/// <summary><c>[logs] max_size = "50MB"</c>, <c>keep = 5</c>: when process logs rotate and how many rotated files stay.</summary>
internal static class LogsReader
{
    public static LogsConfig Read(TableReader file, bool isRailway)
    {
        if (file.Nested("logs", ConfigSchema.Logs) is not { } logs)
        {
            return new LogsConfig();
        }

        if (isRailway)
        {
            file.Problem("logs", "Railway keeps a Railway app's logs; there is no log file here to rotate", "remove [logs]");
        }

        return new LogsConfig
        {
            MaxSize = ReadMaxSize(logs) ?? Defaults.LogMaxSize,
            Keep = logs.Integer("keep", minimum: 1, maximum: Defaults.LogMaxKeep) ?? Defaults.LogKeep,
        };
    }

    private static long? ReadMaxSize(TableReader logs)
    {
        switch (logs.Value("max_size"))
        {
            case null:
                return null;
            case string text when LogSize.Problem(text) is { } problem:
                logs.Problem("max_size", problem);
                return null;
            case string text:
                return LogSize.Parse(text);
            case var other:
                logs.Problem("max_size", $"must be a size string such as \"50MB\", not {TableReader.Describe(other)}");
                return null;
        }
    }
}
