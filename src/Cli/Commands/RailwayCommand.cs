using System.CommandLine;
using Orchestrator.Cli.Railway;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orch railway …</c>: the Railway target, called with the user's own Railway token.</summary>
internal sealed class RailwayCommand : Command
{
    public RailwayCommand()
        : base("railway", "Create and keep the Railway baseline of an app (router, control, env, Redis and its services), with RAILWAY_TOKEN or RAILWAY_API_TOKEN")
    {
        Subcommands.Add(new ScaffoldCommand());
        Subcommands.Add(new EnsureCommand());
    }
}
