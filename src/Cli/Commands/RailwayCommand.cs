using System.CommandLine;
using Orchestrator.Cli.Railway;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orch railway …</c>: the app on Railway, one service per deployment behind its router service.</summary>
internal sealed class RailwayCommand : Command
{
    public RailwayCommand()
        : base("railway", "Deploy to Railway: a service per deployment behind a stable router service")
    {
        Subcommands.Add(new RailwayDeployCommand());
        Subcommands.Add(new RailwayRedeployCommand());
        Subcommands.Add(new RailwayRemoveCommand());
        Subcommands.Add(new RailwayStatusCommand());
        Subcommands.Add(new RailwayLogsCommand());
    }
}
