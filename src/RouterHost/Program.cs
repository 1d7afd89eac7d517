using Orchestrator.CommandLine;

return await NodeCommandLine.RunRouterAsync(args);
