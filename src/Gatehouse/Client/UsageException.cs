namespace Gatehouse.Client;

/// <summary>A mistake in the command line found by the CLI itself (exit 2). The message never repeats file contents.</summary>
internal sealed class UsageException(string message) : Exception(message);
