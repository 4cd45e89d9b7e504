using System.CommandLine;
using System.Text.Json.Nodes;
using Gatehouse.Client;

namespace Gatehouse.Commands.Notifier;

/// <summary>
/// <c>gatehouse notifier update ID</c>: reads the notifier, merges the flags and replaces it with <c>If-Match</c>. The
/// stored secret is kept unless <c>--secret-file</c> or <c>--no-secret</c> is given.
/// </summary>
internal static class NotifierUpdateCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "The notifier's id." };
        var flags = new NotifierFlags();
        var noSecret = new Option<bool>("--no-secret") { Description = "Stop signing the bodies (removes the secret)." };
        var allEvents = new Option<bool>("--all-events") { Description = "Receive every event type." };
        var command = new Command("update", "Change a webhook: only the given flags change.") { id, noSecret, allEvents };
        flags.AddTo(command);
        command.SetClientAction(async (parse, api, console, cancellationToken) =>
        {
            if (parse.GetValue(noSecret) && parse.GetValue(flags.SecretFile) is not null) throw new UsageException("--secret-file and --no-secret exclude each other.");
            if (parse.GetValue(allEvents) && parse.GetValue(flags.Events) is { Length: > 0 }) throw new UsageException("--event and --all-events exclude each other.");
            var target = parse.GetValue(id)!;
            var current = await api.GetAsync(NotifierPaths.Object(target), cancellationToken);
            if (!current.IsSuccess) return console.ApiError(current);
            var stored = JsonNode.Parse(current.Body)!.AsObject();
            var body = new JsonObject
            {
                ["url"] = stored["url"]?.DeepClone(),
                ["thresholds_days"] = stored["thresholds_days"]?.DeepClone(),
                ["events"] = parse.GetValue(allEvents) ? null : stored["events"]?.DeepClone(),
            };
            if (parse.GetValue(noSecret)) body["secret"] = "";
            flags.Apply(parse, body);
            var response = await api.SendAsync(HttpMethod.Put, NotifierPaths.Object(target), body, current.ETag, cancellationToken);
            return response.IsSuccess
                ? console.Success(response, updated => NotifierTable.WriteObject(updated, console.Out))
                : console.ApiError(response);
        });
        return command;
    }
}
