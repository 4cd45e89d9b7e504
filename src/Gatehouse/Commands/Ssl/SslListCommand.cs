using System.CommandLine;
using Gatehouse.Client;

namespace Gatehouse.Commands.Ssl;

/// <summary><c>gatehouse ssl list</c>: <c>GET /api/v1/ssls</c>, one page unless <c>--all</c> is given (<see cref="PagedListing"/>).</summary>
internal static class SslListCommand
{
    public static Command Create()
    {
        var type = new Option<string?>("--type") { Description = "Only server or client objects." };
        type.AcceptOnlyFromAmong("server", "client");
        var sni = new Option<string?>("--sni") { Description = "Only objects that would match this host name, in selection order." };
        var expiring = new Option<string?>("--expiring-within") { Description = "Only objects whose certificate ends within this time, e.g. 30d, 12h, 90m (includes expired)." };
        var name = new Option<string?>("--name") { Description = "Only the object with this name." };
        var sort = new Option<string?>("--sort") { Description = "id (the default) or expiry: soonest expiry first (the earlier of the primary and alt certificate)." };
        sort.AcceptOnlyFromAmong("id", "expiry");
        var paging = new PagedListing("objects");

        var command = new Command("list", "List SSL objects.") { type, sni, expiring, name, sort };
        foreach (var option in paging.Options) command.Options.Add(option);
        command.SetClientAction((parse, api, console, cancellationToken) => paging.RunAsync(parse, api, console,
            page => SslPaths.WithQuery(SslPaths.Collection,
                [.. page, ("type", parse.GetValue(type)), ("sni", parse.GetValue(sni)), ("expiring_within", parse.GetValue(expiring)), ("name", parse.GetValue(name)), ("sort", parse.GetValue(sort))]),
            SslObjectTable.WriteList, cancellationToken));
        return command;
    }
}
