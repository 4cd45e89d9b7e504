namespace Gatehouse.Gateway.Tls;

/// <summary>The outcome of looking at the bytes a connection has sent so far.</summary>
internal enum ClientHelloPeek
{
    /// <summary>The first record is not complete yet: wait for more bytes.</summary>
    NeedMore,

    /// <summary>The first record was read: the facts are known, or the hello is unusable (null facts).</summary>
    Done,
}
