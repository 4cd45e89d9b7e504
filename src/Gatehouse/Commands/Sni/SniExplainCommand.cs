using System.CommandLine;
using System.Text.Json;
using Gatehouse.Client;
using Gatehouse.Hosting.Errors;

namespace Gatehouse.Commands.Sni;

/// <summary><c>gatehouse sni explain [HOST]</c>: <c>GET /api/v1/sni/{host}</c>, or <c>/api/v1/sni/</c> for a client sending no SNI.</summary>
internal static class SniExplainCommand
{
    public static Command Create()
    {
        var host = new Argument<string?>("HOST")
        {
            Description = "The SNI a client would send. Omit it to explain a handshake without SNI.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("explain", "Show which SSL object a handshake for HOST gets, the candidates and why.") { host };
        command.SetClientAction(async (parse, api, console, cancellationToken) =>
        {
            var name = parse.GetValue(host) ?? "";
            var response = await api.GetAsync("api/v1/sni/" + Uri.EscapeDataString(name), cancellationToken);
            return response.IsSuccess ? console.Success(response, body => Write(body, console.Out)) : console.ApiError(response);
        });
        return command;
    }

    private static void Write(JsonElement body, TextWriter writer)
    {
        writer.WriteLine($"host:       {(JsonText.Of(body, "host") is { Length: > 0 } h ? h : "(no SNI)")}");
        writer.WriteLine($"normalized: {JsonText.Of(body, "normalized")}");
        writer.WriteLine($"winner:     {JsonText.Of(body, "winner")}");
        writer.WriteLine($"decided by: {JsonText.Of(body, "decided_by")}");
        if (body.GetProperty("candidates").GetArrayLength() == 0) return;
        writer.WriteLine();
        var table = new TextTable("ID", "MATCHED", "STEP", "VALID NOW", "NOT AFTER", "REVISION");
        foreach (var c in body.GetProperty("candidates").EnumerateArray())
        {
            table.Add(JsonText.Of(c, "id"), JsonText.Of(c, "matched"), JsonText.Of(c, "step"), JsonText.Of(c, "valid_now"),
                JsonText.Of(c, "not_after"), JsonText.Of(c, "revision"));
        }
        table.WriteTo(writer);
    }
}
