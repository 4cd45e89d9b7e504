using Gatehouse.Commands;

return await GatehouseCli.CreateRootCommand().Parse(args).InvokeAsync();
