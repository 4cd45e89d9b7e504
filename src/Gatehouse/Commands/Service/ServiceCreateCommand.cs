using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Client;
using Gatehouse.Hosting.Errors;

namespace Gatehouse.Commands.Service;

/// <summary><c>gatehouse service create</c>: <c>POST /api/v1/services</c> from flags, or from a JSON body in <c>--file</c>.</summary>
internal static class ServiceCreateCommand
{
    public static Command Create()
    {
        var flags = new ServiceFlags(update: false);
        var file = new Option<string?>("--file") { Description = "JSON file: the whole request body, instead of the field flags." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate and show the service with its TLS coverage without storing it." };

        var command = new Command("create", "Create a service: --name, --host and --target at least, or --file.") { file, dryRun };
        flags.AddTo(command);
        command.SetClientAction(async (parse, api, console, cancellationToken) =>
        {
            var body = parse.GetValue(file) is { } path ? ReadBody(path, flags.AnyGiven(parse)) : FromFlags(flags.Patch(parse));
            var request = ServicePaths.WithQuery(ServicePaths.Collection, ("dry_run", parse.GetValue(dryRun) ? "true" : null));
            var response = await api.SendAsync(HttpMethod.Post, request, body, cancellationToken: cancellationToken);
            return response.IsSuccess
                ? console.Success(response, created => ServiceTable.WriteObject(created, console.Out))
                : console.ApiError(response);
        });
        return command;
    }

    private static JsonObject FromFlags(JsonObject body)
    {
        var missing = new List<string>();
        if (body["name"] is null) missing.Add("--name");
        if (body["hosts"] is null) missing.Add("--host");
        if (body["upstream"]?["targets"] is null) missing.Add("--target");
        if (missing.Count > 0) throw new UsageException($"{string.Join(", ", missing)} required (or --file with a JSON body).");
        return body;
    }

    /// <summary>The body from <c>--file</c>, sent as written; the API judges its fields. The message never repeats the file.</summary>
    private static JsonNode ReadBody(string path, bool flagsGiven)
    {
        if (flagsGiven) throw new UsageException("--file replaces the field flags: use one or the other.");
        var text = InputFiles.ReadText(path, "--file");
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new UsageException($"--file: '{path}' must hold a JSON object.");
        }
        catch (JsonException)
        {
            throw new UsageException($"--file: '{path}' is not valid JSON.");
        }
    }
}
