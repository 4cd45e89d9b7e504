using System.CommandLine;
using Gatehouse.Client;

namespace Gatehouse.Commands.Declarative;

/// <summary><c>gatehouse export</c>: <c>GET /api/v1/export</c>, the whole configuration as one YAML or JSON document on stdout.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var selector = new Option<string[]>("--selector") { Description = "Only objects carrying this label; repeat to require several.", AllowMultipleArgumentsPerToken = false };
        var command = new Command("export", "Write every named SSL object and every service as one document (no private keys, no ids).") { selector };
        command.SetClientAction(async (parse, api, console, cancellationToken) =>
        {
            var format = console.Format == "json" ? "json" : "yaml";
            var path = QueryString.Append("api/v1/export", [("output", format), .. (parse.GetValue(selector) ?? []).Select(s => ("selector", (string?)s))]);
            var response = await api.SendAsync(HttpMethod.Get, path, cancellationToken: cancellationToken);
            if (!response.IsSuccess) return console.ApiError(response);
            console.Out.Write(response.Body);
            if (response.Header("Gatehouse-Unnamed-Ssls") is { } unnamed && unnamed != "0")
                console.Error.WriteLine($"note: {unnamed} SSL object(s) have no name and were not exported; name them (gatehouse ssl update ID --name NAME) to manage them from files.");
            return ExitCodes.Ok;
        }, "yaml", "json");
        return command;
    }
}
