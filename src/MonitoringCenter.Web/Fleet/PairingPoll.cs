namespace MonitoringCenter.Web.Fleet;

/// <summary>The answer to an unpaired screen asking about its request; when paired, its new credential and where to go.</summary>
public sealed record PairingPoll(PairingState State, string? Token = null, string? StartView = null);
