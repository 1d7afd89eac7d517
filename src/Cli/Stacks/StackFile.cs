using Orchestrator.Config;

namespace Orchestrator.Cli.Stacks;

/// <summary>Reads an <c>orch.stack.toml</c> and the app configs it names, failing with the path and a fix when it is not there.</summary>
internal static class StackFile
{
    /// <summary>What <c>--stack</c> without a value means: <c>orch.stack.toml</c> in the current directory.</summary>
    public static string DefaultPath => Path.Combine(Environment.CurrentDirectory, StackConfigLoader.DefaultFileName);

    public static StackLoadResult Load(string path)
    {
        var fullPath = Path.GetFullPath(path);
        try
        {
            return StackConfigLoader.LoadFile(fullPath);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliFailureException(
                $"stack file {fullPath} does not exist",
                $"run from the directory of {StackConfigLoader.DefaultFileName} or pass --stack FILE");
        }
        catch (UnauthorizedAccessException)
        {
            throw new CliFailureException($"stack file {fullPath} is not readable", "check its permissions");
        }
    }
}
