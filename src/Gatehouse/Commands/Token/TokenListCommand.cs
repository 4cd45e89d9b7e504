using System.CommandLine;
using System.Text.Json;
using Gatehouse.Client;

namespace Gatehouse.Commands.Token;

/// <summary><c>gatehouse token list</c>: <c>GET /api/v1/tokens</c> — names, roles and dates, never a secret.</summary>
internal static class TokenListCommand
{
    public static Command Create()
    {
        var paging = new PagedListing("tokens");
        var command = new Command("list", "List named tokens: name, role, created, expires, last used.");
        foreach (var option in paging.Options) command.Options.Add(option);
        command.SetClientAction((parse, api, console, cancellationToken) => paging.RunAsync(parse, api, console,
            page => TokenPaths.WithQuery(TokenPaths.Collection, page), WriteList, cancellationToken));
        return command;
    }

    private static void WriteList(IEnumerable<JsonElement> items, TextWriter writer)
    {
        var table = new TextTable("NAME", "ROLE", "CREATED", "EXPIRES", "LAST USED", "STATE");
        foreach (var item in items)
        {
            table.Add(JsonText.Of(item, "name"), JsonText.Of(item, "role"), JsonText.Of(item, "created_at"),
                JsonText.Of(item, "expires_at"), JsonText.Of(item, "last_used_at"),
                item.GetProperty("expired").GetBoolean() ? "expired" : "active");
        }
        table.WriteTo(writer);
    }
}
