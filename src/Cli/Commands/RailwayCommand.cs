using System.CommandLine;
using Orchestrator.Cli.Railway;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// <c>orch railway …</c>: the app on Railway, one service per deployment behind a stable router service. scaffold and
/// ensure call Railway with the user's own token; the others reach the app's control service, which holds one.
/// </summary>
internal sealed class RailwayCommand : Command
{
    public RailwayCommand()
        : base("railway", "Deploy to Railway: a service per deployment behind a stable router service")
    {
        Subcommands.Add(new ScaffoldCommand());
        Subcommands.Add(new EnsureCommand());
        Subcommands.Add(new RailwayDeployCommand());
        Subcommands.Add(new RailwayRedeployCommand());
        Subcommands.Add(new RailwayRemoveCommand());
        Subcommands.Add(new RailwayStatusCommand());
        Subcommands.Add(new RailwayLogsCommand());
    }
}
