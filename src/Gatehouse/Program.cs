using Gatehouse.Commands;

return await GatehouseCli.InvokeAsync(args);
