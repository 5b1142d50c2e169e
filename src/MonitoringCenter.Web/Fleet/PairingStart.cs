namespace MonitoringCenter.Web.Fleet;

/// <summary>A new pairing request: the code to show, and the secret only this screen's browser keeps.</summary>
public sealed record PairingStart(Guid Id, string Code, string Claim, DateTimeOffset ExpiresAt);
