using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Client;

namespace Gatehouse.Commands.Service;

/// <summary>
/// The <c>--target HOST:PORT[:WEIGHT]</c> syntax (an IPv6 host in brackets: <c>[2001:db8::5]:8080</c>). Only the
/// shape is checked here; ranges (port 1-65535, weight 0-1000) are the API's to judge, so its error codes reach the user.
/// </summary>
internal static class ServiceTarget
{
    /// <summary>The target as the API's <c>{host, port, weight?}</c> object; a malformed value is a <see cref="UsageException"/>.</summary>
    public static JsonObject Parse(string value)
    {
        string host;
        string rest;
        if (value.StartsWith('['))
        {
            var end = value.IndexOf(']');
            if (end < 0 || end + 1 >= value.Length || value[end + 1] != ':') throw Malformed(value);
            host = value[1..end];
            rest = value[(end + 2)..];
        }
        else
        {
            var colon = value.IndexOf(':');
            if (colon < 0) throw Malformed(value);
            host = value[..colon];
            rest = value[(colon + 1)..];
        }
        var numbers = rest.Split(':');
        if (host.Length == 0 || numbers.Length > 2 || !TryNumber(numbers[0], out var port)) throw Malformed(value);
        var target = new JsonObject { ["host"] = host, ["port"] = port };
        if (numbers.Length == 2)
        {
            if (!TryNumber(numbers[1], out var weight)) throw Malformed(value);
            target["weight"] = weight;
        }
        return target;
    }

    /// <summary>A target of the API in the same syntax; the weight only when it is not the default 1.</summary>
    public static string Format(JsonElement target)
    {
        var host = JsonText.Of(target, "host");
        if (host.Contains(':')) host = $"[{host}]";
        var text = $"{host}:{JsonText.Of(target, "port")}";
        return target.TryGetProperty("weight", out var weight) && weight.ValueKind == JsonValueKind.Number && weight.GetInt32() != 1
            ? $"{text}:{weight.GetInt32()}"
            : text;
    }

    private static bool TryNumber(string text, out int number) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number);

    private static UsageException Malformed(string value) =>
        new($"--target '{value}' must be HOST:PORT or HOST:PORT:WEIGHT, e.g. 10.0.0.5:8080 or [2001:db8::5]:8080:10.");
}
