namespace Gatehouse.Functional.Tests;

/// <summary>Polls until a value appears (the gateway applies writes asynchronously, within a second).</summary>
public static class Eventually
{
    public static async Task<T?> ValueAsync<T>(Func<Task<T?>> probe, TimeSpan? within = null, Func<T?, bool>? accept = null)
    {
        accept ??= value => value is not null;
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(1));
        while (true)
        {
            var value = await probe();
            if (accept(value) || DateTime.UtcNow >= deadline) return value;
            await Task.Delay(20);
        }
    }
}
