namespace Gatehouse.Storage;

/// <summary>One write inside a commit.</summary>
public abstract record StoreMutation(string Key)
{
    /// <summary>Create or replace <paramref name="Key"/> with <paramref name="Value"/>.</summary>
    public sealed record Put(string Key, string Value) : StoreMutation(Key);

    /// <summary>Remove <paramref name="Key"/>; removing an absent key is not an error.</summary>
    public sealed record Delete(string Key) : StoreMutation(Key);
}
