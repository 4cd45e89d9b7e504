using System.Text.Json;
using Gatehouse.ControlPlane.Api;
using Gatehouse.ControlPlane.Services;
using Gatehouse.ControlPlane.Ssl;
using Gatehouse.Core.Names;
using Gatehouse.Core.Ssl;
using Gatehouse.Core.Validation;

namespace Gatehouse.ControlPlane.Declarative;

/// <summary>
/// Reads an apply document (<c>{ssls: [...], services: [...]}</c>) strictly: unknown, repeated and mistyped fields are
/// errors, every object needs a name, a name appears once per kind. Field names are prefixed with the object's place
/// (<c>ssls[shop].certificate</c>, or <c>ssls[3]</c> while it has no usable name); no message repeats a value.
/// </summary>
internal static class ApplyDocumentReader
{
    private static readonly HashSet<string> TopLevel = ["ssls", "services"];

    public static DesiredState Read(JsonElement root, List<ValidationError> errors)
    {
        var document = JsonFields.Read(root, "", TopLevel, errors);
        if (document is null) return new([], []);
        var ssls = new List<DesiredSsl>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var items = document.Array("ssls") ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            if (ReadSsl(items[i], i, errors) is not { } ssl) continue;
            if (seen.Add(ssl.Name)) ssls.Add(ssl);
            else errors.Add(new($"{ssl.Path}.name", "name_conflict", $"Two SSL objects of the document are named {ssl.Name}; names are unique."));
        }
        var services = new List<DesiredService>();
        seen.Clear();
        items = document.Array("services") ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            if (ReadService(items[i], i, errors) is not { } service) continue;
            if (seen.Add(service.Name)) services.Add(service);
            else errors.Add(new($"{service.Path}.name", "name_conflict", $"Two services of the document are named {service.Name}; names are unique."));
        }
        return new(ssls, services);
    }

    private static DesiredSsl? ReadSsl(JsonElement element, int index, List<ValidationError> errors)
    {
        var name = NameOf(element);
        var path = ObjectNames.IsValid(name) ? $"ssls[{name}]" : $"ssls[{index}]";
        var fields = JsonFields.Read(element, path, SslObjectRequest.WritableFields, errors);
        if (fields is null) return null;
        if (fields.String("name") is null) fields.Missing("name", "the object's unique name, how files refer to it");
        else if (!ObjectNames.IsValid(name)) ObjectNames.Check(name, fields.Path("name"), errors);
        SslObjectType? type = null;
        if (fields.String("type") is { } typeText)
        {
            if (SslObjectTypes.TryParse(typeText, out var parsed)) type = parsed;
            else errors.Add(new(fields.Path("type"), "invalid_parameter", "type must be \"server\" or \"client\"."));
        }
        var request = new SslObjectRequest(fields.String("certificate"), fields.String("private_key"), fields.String("ca_certificate"), type,
            fields.Strings("labels") ?? [], fields.Bool("fallback") ?? false, fields.String("crl"), fields.Bool("crl_strict") ?? false)
        {
            AltCertificate = fields.String("alt_certificate"),
            AltPrivateKey = fields.String("alt_private_key"),
            MinTlsVersion = fields.String("min_tls_version"),
            Tls12CipherSuites = fields.Strings("tls12_cipher_suites"),
            Name = name,
        };
        return ObjectNames.IsValid(name) ? new DesiredSsl(name!, path, request) : null;
    }

    private static DesiredService? ReadService(JsonElement element, int index, List<ValidationError> errors)
    {
        var name = NameOf(element);
        var usable = name is { Length: > 0 and <= 200 } && !name.Any(char.IsControl) && !name.Contains(']', StringComparison.Ordinal);
        var path = usable ? $"services[{name}]" : $"services[{index}]";
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(path, "invalid_parameter", $"{path} must be a JSON object."));
            return null;
        }
        var draft = ServiceRequest.Read(element, errors, path);
        if (!usable && name is not null)
            errors.Add(new($"{path}.name", "invalid_parameter", $"{path}.name must be 1 to 200 printable characters, without ']'."));
        return usable ? new DesiredService(name!, path, draft) : null;
    }

    private static string? NameOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("name", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>Errors of one object's validators, whose fields are relative to the object, placed under <paramref name="path"/>.</summary>
    public static IEnumerable<ValidationError> Under(string path, IEnumerable<ValidationError> errors) =>
        errors.Select(e => e with { Field = e.Field is null ? path : $"{path}.{e.Field}" });
}
