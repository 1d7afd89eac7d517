using Orchestrator.RouterHost;

return await RouterCommandLine.RunAsync(args);
