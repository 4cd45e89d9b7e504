namespace Gatehouse.Storage.Etcd.Tests;

/// <summary>Retries a store operation that throws <see cref="StoreUnavailableException"/> until it succeeds.</summary>
internal static class Eventually
{
    public static async Task<T> SucceedsAsync<T>(Func<Task<T>> operation, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                return await operation();
            }
            catch (StoreUnavailableException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
