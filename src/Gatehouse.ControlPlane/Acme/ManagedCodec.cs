using System.Text.Json;
using Gatehouse.Core.Json;

namespace Gatehouse.ControlPlane.Acme;

/// <summary>Reads and writes <see cref="ManagedRecord"/> JSON.</summary>
internal static class ManagedCodec
{
    public static string Encode(ManagedRecord record) => JsonSerializer.Serialize(record, GatehouseJson.Options);

    public static ManagedRecord? Decode(string value)
    {
        try
        {
            return JsonSerializer.Deserialize<ManagedRecord>(value, GatehouseJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
