namespace Gatehouse.Gateway.Tls;

/// <summary>The result of <see cref="OpenSslDefaults.Apply"/>.</summary>
public enum OpenSslDefaultsOutcome
{
    /// <summary>Not called (a test host), or not on Linux.</summary>
    NotApplied,

    /// <summary>OpenSSL starts from Gatehouse's defaults.</summary>
    Applied,

    /// <summary>The operator's <c>OPENSSL_CONF</c> is kept.</summary>
    OperatorConfiguration,

    /// <summary>The configuration could not be written or set.</summary>
    Unavailable,
}
