using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Hosting.Errors;

namespace Gatehouse.Client;

/// <summary>
/// Where a client command prints: results on <see cref="Out"/>, errors on <see cref="Error"/> — a short line with the
/// error code, or the error JSON object under <c>--output json</c>.
/// </summary>
internal sealed class ClientConsole(TextWriter output, TextWriter error, bool json)
{
    public TextWriter Out { get; } = output;
    public TextWriter Error { get; } = error;
    public bool Json { get; } = json;

    /// <summary>The <c>--output</c> value as given (table, json, or for export yaml).</summary>
    public string Format { get; init; } = json ? "json" : "table";

    /// <summary>Prints a successful response: the body as is under <c>--output json</c>, else <paramref name="table"/>.</summary>
    public int Success(ApiResponse response, Action<JsonElement> table)
    {
        if (Json)
        {
            if (response.Body.Length > 0) Out.WriteLine(response.Body);
        }
        else if (response.Json() is { } body)
        {
            table(body);
        }
        return ExitCodes.Ok;
    }

    /// <summary>Prints an error response of the API and returns its exit code.</summary>
    public int ApiError(ApiResponse response)
    {
        var body = response.Json();
        if (body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object)
        {
            if (Json)
            {
                Error.WriteLine(response.Body);
            }
            else
            {
                Error.WriteLine($"error: {Text(e, "code")}: {Text(e, "message")}");
                if (e.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array)
                {
                    foreach (var d in details.EnumerateArray())
                        Error.WriteLine($"  {Text(d, "field")}: {Text(d, "code")}: {Text(d, "message")}");
                }
            }
        }
        else
        {
            // Not the API's error shape (e.g. a proxy in between): the status only, never an unknown body.
            Failure($"http_{response.Status}", $"the server answered HTTP {response.Status}.");
        }
        return ExitCodes.ForStatus(response.Status);
    }

    /// <summary>Prints an error found by the CLI itself, in the API's error shape under <c>--output json</c>.</summary>
    public void Failure(string code, string message)
    {
        if (Json)
        {
            var body = new JsonObject
            {
                ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["details"] = new JsonArray() },
            };
            Error.WriteLine(body.ToJsonString());
        }
        else
        {
            Error.WriteLine($"error: {code}: {message}");
        }
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "-";
}
