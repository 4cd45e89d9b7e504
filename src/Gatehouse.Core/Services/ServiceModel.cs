namespace Gatehouse.Core.Services;

/// <summary>The runtime form of a stored service: its record and store revision.</summary>
public sealed record ServiceModel(ServiceRecord Record, long Revision)
{
    public string Id => Record.Id;

    public bool Serves(string protocol) => Record.Protocols.Contains(protocol);
}
