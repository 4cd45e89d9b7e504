using System.Text.Json;
using Gatehouse.Core.Json;
using Gatehouse.Storage;

namespace Gatehouse.ControlPlane.Lifecycle;

/// <summary>Stored events to and from JSON; a value that cannot be read is skipped, never thrown.</summary>
internal static class EventCodec
{
    public static string Encode(EventRecord record) => JsonSerializer.Serialize(record, GatehouseJson.Options);

    public static EventRecord? TryDecode(StoreItem item)
    {
        try
        {
            var record = JsonSerializer.Deserialize<EventRecord>(item.Value, GatehouseJson.Options);
            return record is { Ssl: not null, Deliveries: not null } && LifecycleKeys.Event(record.Id) == item.Key ? record : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
