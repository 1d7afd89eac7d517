using Microsoft.Data.Sqlite;

namespace Orchestrator.Persistence.Sqlite;

/// <summary>Commands with named parameters, for the plugins' statements.</summary>
internal static class SqliteCommands
{
    /// <summary>A command for <paramref name="sql"/> with each of <paramref name="parameters"/> bound by name (<c>$name</c>).</summary>
    public static SqliteCommand Command(this SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
