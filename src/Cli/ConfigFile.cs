
namespace Orchestrator.Cli;

/// <summary>Reads an <c>orch.toml</c>, failing with the path and a fix when it is not there.</summary>
internal static class ConfigFile
{
    /// <summary>The <c>--config</c> default: <c>orch.toml</c> in the current directory.</summary>
    public static string DefaultPath => Path.Combine(Environment.CurrentDirectory, Defaults.ConfigFileName);

    public static async Task<string> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(path);
        try
        {
            return await File.ReadAllTextAsync(fullPath, cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliFailureException(
                $"config file {fullPath} does not exist",
                $"run from the app's directory (where {Defaults.ConfigFileName} is) or pass --config FILE");
        }
        catch (UnauthorizedAccessException)
        {
            throw new CliFailureException($"config file {fullPath} is not readable", "check its permissions");
        }
    }
}
