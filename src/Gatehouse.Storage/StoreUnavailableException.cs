namespace Gatehouse.Storage;

/// <summary>The store could not be reached or answered with an error; callers map it to 503 <c>store_unavailable</c>.</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
