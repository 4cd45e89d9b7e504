using Gatehouse.ControlPlane.Acme;

namespace Gatehouse.ControlPlane.Console.Forms;

/// <summary>What the ACME section of an SSL object's page shows: the managed record, whether it was issued, whether the signed-in principal may act.</summary>
public sealed record AcmeState(string Id, ManagedRecord Record, bool Issued, bool CanAct)
{
    /// <summary>The badge class of a state: valid ok, failed bad, pending and ordering plain.</summary>
    public string Css => Record.State switch
    {
        "valid" => "ok",
        "failed" => "bad",
        _ => "plain",
    };
}
