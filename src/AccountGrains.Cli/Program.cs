using AccountGrains.Cli;

return await CliApp.RunAsync(args);
