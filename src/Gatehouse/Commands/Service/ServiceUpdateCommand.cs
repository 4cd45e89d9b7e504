using System.CommandLine;
using System.Text.Json.Nodes;
using Gatehouse.Client;
using Gatehouse.Hosting.Errors;

namespace Gatehouse.Commands.Service;

/// <summary>
/// <c>gatehouse service update ID</c>: reads the service, merges the given flags over it and replaces it with
/// <c>If-Match</c>, so an omitted flag keeps the stored value (PUT alone would reset omitted fields to their defaults).
/// </summary>
internal static class ServiceUpdateCommand
{
    /// <summary>The fields a PUT accepts; the rest of a GET (id, coverage, revision…) is read-only.</summary>
    private static readonly string[] WritableFields = ["name", "hosts", "path_prefix", "protocols", "labels", "upstream", "allow_underscores_in_headers"];

    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "The service's id." };
        var flags = new ServiceFlags(update: true);
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate and show the service with its TLS coverage without storing it." };

        var command = new Command("update", "Change a service: only the given flags change, the rest is kept. A repeated flag gives the whole list.")
        {
            id, dryRun,
        };
        flags.AddTo(command);
        command.SetClientAction(async (parse, api, console, cancellationToken) =>
        {
            // Flags and files are checked before any request: a mistake changes nothing.
            if (!flags.AnyGiven(parse)) throw new UsageException("nothing to change: give at least one field flag (see --help).");
            var patch = flags.Patch(parse);

            var target = parse.GetValue(id)!;
            var current = await api.GetAsync(ServicePaths.Object(target), cancellationToken);
            if (!current.IsSuccess) return console.ApiError(current);
            var stored = JsonNode.Parse(current.Body)!.AsObject();

            var body = new JsonObject();
            foreach (var field in WritableFields)
            {
                if (stored.TryGetPropertyValue(field, out var value)) body[field] = value?.DeepClone();
            }
            ServiceFlags.Merge(body, patch);

            var path = ServicePaths.WithQuery(ServicePaths.Object(target), ("dry_run", parse.GetValue(dryRun) ? "true" : null));
            var response = await api.SendAsync(HttpMethod.Put, path, body, current.ETag, cancellationToken);
            return response.IsSuccess
                ? console.Success(response, updated => ServiceTable.WriteObject(updated, console.Out))
                : console.ApiError(response);
        });
        return command;
    }
}
