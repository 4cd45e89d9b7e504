using System.Text.Json;

namespace Gatehouse.Acme;

/// <summary>ACME's JSON is camelCase (RFC 8555 §7).</summary>
internal static class AcmeJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
