using Orchestrator.CommandLine;

return await NodeCommandLine.RunDaemonAsync(args);
